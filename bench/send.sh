#!/usr/bin/env bash
# Sending benchmark (one command): worker processes on RabbitMQ and one SQLite database, sending into
# Postfix's smtp-sink. Measures, in one run:
#   (a) throughput with 1, 2 and 4 worker processes, against smtp-source (Postfix's load generator) pushing
#       the same number of messages into the same sink over as many connections: the ceiling of this machine;
#   (b) a domain limit of 100 messages/s held by 3 workers together, as the receiver sees it in 1-second windows;
#   (c) a worker killed (kill -9) and another stopped (SIGTERM) mid-campaign: nothing lost, repeats counted;
#   (d) scaling out mid-campaign: 1 worker, then 3 more started while it runs.
# RUNS (default 3) repeats (a); MESSAGES (default 20000) sets its size. Prints Markdown tables.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
MESSAGES=${MESSAGES:-20000}
out=$(pwd)/bench/out/send
rm -rf "$out" && mkdir -p "$out"

source .ci/services.sh
ensure_rabbitmq
ensure_smtp_sink
command -v sqlite3 >/dev/null || apt_install sqlite3

dotnet build src/Campaigns.Cli -c Release -o "$out/cli" -v quiet -nologo >/dev/null
dotnet build src/Campaigns.Worker -c Release -o "$out/worker" -v quiet -nologo >/dev/null
python3 bench/send_bench.py --out "$out" --runs "$RUNS" --messages "$MESSAGES"
