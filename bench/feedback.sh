#!/usr/bin/env bash
# Feedback benchmark (one command): the open pixel and the click redirect under wrk (64 connections, DURATION
# seconds, default 30), against a bare endpoint in the same web host that returns the same bytes without checking
# or recording anything; RUNS (default 3) rounds, interleaved; medians of requests/s, the ratio to the bare
# endpoint and p99 latency. Then `campaigns bounces parse` over 10,000 DSNs: messages parsed per second.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
DURATION=${DURATION:-30}
out=$(pwd)/bench/out/feedback
rm -rf "$out" && mkdir -p "$out"
source .ci/services.sh
command -v wrk >/dev/null || apt_install wrk

dotnet build src/Campaigns.Cli -c Release -o "$out/cli" -v quiet -nologo >/dev/null
dotnet build src/Campaigns.Web -c Release -o "$out/web" -v quiet -nologo >/dev/null
cli=(dotnet "$out/cli/campaigns.dll" --data-dir "$out/db")
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

# One campaign really sent (to the pickup folder, by the web's in-process sender), for real tokens.
"${cli[@]}" lists create Bench >/dev/null
printf 'email,name\nann@example.com,Ann\n' > "$out/list.csv"
"${cli[@]}" import --list Bench "$out/list.csv" >/dev/null
printf '<p>Hello {{ subscriber.name }}</p><a href="https://example.com/article">Read</a>' > "$out/body.html"
"${cli[@]}" campaign create --name Bench --subject Hello --from news@example.com --body "$out/body.html" --list Bench >/dev/null
"${cli[@]}" campaign start 1 >/dev/null

Campaigns__DataDirectory="$out/db" Campaigns__Sending__PublicUrl="http://127.0.0.1:$port" Campaigns__Bench__BareEndpoints=true \
  Logging__LogLevel__Default=Warning dotnet "$out/web/Campaigns.Web.dll" --urls "http://127.0.0.1:$port" >"$out/web.log" 2>&1 &
web=$!
trap 'kill $web 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  ls "$out/db/pickup/"*.eml >/dev/null 2>&1 && break
  sleep 0.5
done
eml=$(ls "$out/db/pickup/"*.eml | head -1)
open_url=$(grep -o "http://127.0.0.1:$port/o/[A-Za-z0-9_-]*" "$eml" | head -1)
click_url=$(grep -o "http://127.0.0.1:$port/c/[A-Za-z0-9_-]*" "$eml" | head -1)
bare_url="http://127.0.0.1:$port/bare/${open_url##*/}"
curl -sf -o /dev/null "$open_url" && curl -s -o /dev/null -w '%{http_code}' "$click_url" | grep -q 302

# Warm-up: JIT and connection pools, so the first measured endpoint is not the cold one.
for url in "$bare_url" "$open_url" "$click_url"; do wrk -t2 -c64 -d5s "$url" >/dev/null; done

results="$out/runs.txt"
: >"$results"
for run in $(seq 1 "$RUNS"); do
  for name in bare open click; do
    case $name in bare) url=$bare_url ;; open) url=$open_url ;; click) url=$click_url ;; esac
    wrk -t2 -c64 -d"${DURATION}s" --latency "$url" >"$out/wrk-$name-$run.txt"
    rps=$(awk '/Requests\/sec/ {print $2}' "$out/wrk-$name-$run.txt")
    p99=$(awk '$1 == "99%" {print $2}' "$out/wrk-$name-$run.txt")
    echo "$run $name $rps $p99" | tee -a "$results"
  done
done
sleep 2 # the recorder's last flush
recorded=$(sqlite3 "$out/db/campaigns.db" "SELECT kind, COUNT(*) FROM tracking_events GROUP BY kind" | tr '\n' ' ')

python3 - "$results" "$recorded" <<'PY'
import statistics, sys, re
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
def ms(v):
    m = re.match(r"([\d.]+)(us|ms|s)", v); x = float(m.group(1))
    return x / 1000 if m.group(2) == "us" else x if m.group(2) == "ms" else x * 1000
by = {}
for run, name, rps, p99 in rows:
    by.setdefault(name, []).append((int(run), float(rps), ms(p99)))
bare = {r: rps for r, rps, _ in by["bare"]}
print(f"\nMedian of {len(bare)} runs, wrk -t2 -c64, events recorded: {sys.argv[2]}\n")
print("| endpoint | requests/s | ratio to bare | p99 latency |")
print("| --- | ---: | ---: | ---: |")
for name in ("bare", "open", "click"):
    rs = by[name]
    print(f"| {name} | {statistics.median(r for _, r, _ in rs):,.0f} | {statistics.median(r / bare[run] for run, r, _ in rs):.2f} | {statistics.median(p for _, _, p in rs):.1f} ms |")
PY

# Bounce parsing: 10,000 DSNs (Postfix-style multipart/report), parsed by the CLI in one process.
python3 - "$out/dsn" <<'PY'
import os, sys
d = sys.argv[1]; os.makedirs(d, exist_ok=True)
for i in range(10000):
    with open(f"{d}/{i:05}.eml", "w", newline="\r\n") as f:
        f.write(f"""From: MAILER-DAEMON@mx.example.org (Mail Delivery System)
To: bounces+c1-s{i}-000000000000@bounce.example.com
Subject: Undelivered Mail Returned to Sender
Message-Id: <dsn-{i}@mx.example.org>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Type: text/plain

<user{i}@example.com>: host mx.example.com said: 550 5.1.1 User unknown

--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.org

Final-Recipient: rfc822; user{i}@example.com
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 <user{i}@example.com>: Recipient address rejected: User unknown

--B
Content-Type: text/rfc822-headers

From: news@example.com
To: user{i}@example.com
Message-ID: <m-{i}@example.com>

--B--
""")
PY
times=()
for run in $(seq 1 "$RUNS"); do
  start=$(date +%s.%N)
  "${cli[@]}" bounces parse "$out"/dsn/*.eml >"$out/parsed.jsonl"
  end=$(date +%s.%N)
  times+=("$(python3 -c "print($end - $start)")")
done
hard=$(grep -c '"kind":"hard"' "$out/parsed.jsonl")
python3 -c "import statistics,sys; t=statistics.median(map(float,sys.argv[1:])); print(f'\nBounce parsing: 10,000 DSNs in {t:.2f} s (median of {len(sys.argv)-1}), {10000/t:,.0f} messages/s; $hard of 10,000 classified hard')" "${times[@]}"
