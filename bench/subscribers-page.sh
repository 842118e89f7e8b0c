#!/usr/bin/env bash
# Subscribers page benchmark (one command): imports the 1,000,000-row benchmark CSV into a list (once), then
# RUNS times times what the Subscribers page asks the store for (a page of 50 plus the matching total) for the
# first page, deep paging, email-prefix and name searches and an attribute filter. Baseline, in the same run:
# Python's sqlite3 (the same engine, no C#, no Dapper) running the first page's two statements.
# Prints medians of the runs' medians and p95s as a Markdown table. ROWS and RUNS override the defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-1000000}
RUNS=${RUNS:-3}
out=bench/out
mkdir -p "$out"
csv="$out/subscribers-$ROWS.csv"
[ -f "$csv" ] || python3 bench/generate_csv.py "$csv" --rows "$ROWS"
dotnet build src/Campaigns.Cli -c Release -o "$out/cli" -v quiet -nologo >/dev/null
dotnet build bench/SubscribersPage -c Release -o "$out/subscribers-page" -v quiet -nologo >/dev/null
db="$out/page-db"
if [ ! -f "$db/.imported-$ROWS" ]; then
  rm -rf "$db"
  dotnet "$out/cli/campaigns.dll" --data-dir "$db" lists create Bench >/dev/null
  dotnet "$out/cli/campaigns.dll" --data-dir "$db" import --list Bench "$csv" >/dev/null
  touch "$db/.imported-$ROWS"
else
  dotnet "$out/cli/campaigns.dll" --data-dir "$db" migrate >/dev/null
fi

results="$out/page-runs.txt"
: >"$results"
for run in $(seq 1 "$RUNS"); do
  python3 - "$db/campaigns.db" >>"$results" <<'PY'
import sqlite3, statistics, sys, time
c = sqlite3.connect(sys.argv[1])
times = []
for _ in range(16):
    t = time.perf_counter()
    c.execute("SELECT id, email, name, attributes, status, created_at, updated_at FROM subscribers ORDER BY email_key LIMIT 50 OFFSET 0").fetchall()
    c.execute("SELECT COUNT(*) FROM subscribers").fetchall()
    times.append((time.perf_counter() - t) * 1000)
times = sorted(times[1:])
print(f"baseline: first page, everyone (sqlite3 from Python)\t{statistics.median(times):.1f}\t{times[int(len(times) * .95) - 1]:.1f}\t{c.execute('SELECT COUNT(*) FROM subscribers').fetchone()[0]}")
PY
  dotnet "$out/subscribers-page/SubscribersPage.dll" "$db" 15 >>"$results"
done

python3 - "$results" "$ROWS" "$RUNS" <<'PY'
import collections, statistics, sys
runs = collections.OrderedDict()
for line in open(sys.argv[1]):
    name, med, p95, matches = line.rstrip("\n").split("\t")
    runs.setdefault(name, []).append((float(med), float(p95), int(matches)))
base = statistics.median(m for m, _, _ in next(v for k, v in runs.items() if k.startswith("baseline")))
print(f"\nMedian of {sys.argv[3]} runs (each the median and p95 of 15 timings), {int(sys.argv[2]):,} subscribers in one list:\n")
print("| query (page of 50 + total) | matches | median ms | p95 ms | × baseline |")
print("| --- | ---: | ---: | ---: | ---: |")
for name, v in runs.items():
    med = statistics.median(m for m, _, _ in v)
    p95 = statistics.median(p for _, p, _ in v)
    print(f"| {name} | {v[-1][2]:,} | {med:.1f} | {p95:.1f} | {med / base:.1f} |")
PY
