#!/usr/bin/env bash
# The sending benchmark of the sending issue (one command): a 100,000-recipient campaign (personalized ~20 KB HTML,
# tracking on) from start to every ledger row final, into smtp-sink on loopback, through RabbitMQ with one worker
# process and with two, once with DKIM off and once with RSA-2048 DKIM on. In the same run: smtp-source sending the
# same number of messages of the same size over the same number of connections (the machine's ceiling), and
# MimeKit's RSA-2048 signing rate alone on the same messages. RUNS (default 3) and MESSAGES (default 100000).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
MESSAGES=${MESSAGES:-100000}
out=$(pwd)/bench/out/send-dkim
rm -rf "$out" && mkdir -p "$out"
source .ci/services.sh
ensure_rabbitmq
ensure_smtp_sink
dotnet build src/Campaigns.Cli -c Release -o "$out/cli" -v quiet -nologo >/dev/null
dotnet build src/Campaigns.Worker -c Release -o "$out/worker" -v quiet -nologo >/dev/null
dotnet build bench/DkimRate -c Release -o "$out/dkimrate" -v quiet -nologo >/dev/null
python3 bench/send_dkim_bench.py --out "$out" --runs "$RUNS" --messages "$MESSAGES"
