#!/usr/bin/env bash
# Import benchmark (one command): generates a 1,000,000-row subscriber CSV (1% malformed rows, 1% in-file
# duplicates), then RUNS times, interleaved so each pair shares the machine's conditions:
#   - baseline: the sqlite3 shell's `.import` of the same file into a plain table;
#   - `campaigns import` of the file into a fresh SQLite database, every check on;
#   - `campaigns export` of the imported list;
#   - SQLite alone inserting the same rows into our schema from a table it loaded itself (bench/engine-bound.sql):
#     the most any importer on this schema could reach;
#   - the same into a leaner schema (bench/engine-lean.sql: integer timestamps, no search indexes).
# Prints medians (wall seconds, rows/s, the ratio to the baseline, peak RSS) as a Markdown table.
# ROWS and RUNS override the defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-1000000}
RUNS=${RUNS:-3}
out=bench/out
mkdir -p "$out"

source .ci/services.sh
command -v sqlite3 >/dev/null || apt_install sqlite3
[ -x /usr/bin/time ] || apt_install time

csv="$out/subscribers-$ROWS.csv"
[ -f "$csv" ] || python3 bench/generate_csv.py "$csv" --rows "$ROWS"
dotnet build src/Campaigns.Cli -c Release -o "$out/cli" -v quiet -nologo >/dev/null
cli=(dotnet "$out/cli/campaigns.dll" --data-dir "$out/db")

measure() { # prints "seconds peak_kb" of a command
  /usr/bin/time -f "%e %M" -o "$out/time.txt" "$@" >/dev/null
  cat "$out/time.txt"
}

results="$out/import-runs.txt"
: >"$results"
for run in $(seq 1 "$RUNS"); do
  rm -f "$out/baseline.db"
  base=$(measure sqlite3 "$out/baseline.db" ".mode csv" ".import $csv subscribers")
  rm -rf "$out/db"
  "${cli[@]}" lists create Bench >/dev/null
  import=$(measure "${cli[@]}" import --list Bench "$csv")
  export=$(measure "${cli[@]}" export --list Bench "$out/export.csv")
  # The engine alone on our schema (bench/engine-bound.sql): the sum of its timed statements.
  rm -rf "$out/engine-db"
  dotnet "$out/cli/campaigns.dll" --data-dir "$out/engine-db" lists create Bench >/dev/null
  engine=$(sed "s|CSVFILE|$csv|" bench/engine-bound.sql | sqlite3 "$out/engine-db/campaigns.db" | awk '/^Run Time/ {s += $4} END {print s}')
  # The same on a leaner schema (bench/engine-lean.sql): how far a schema change alone could move that bound.
  rm -f "$out/lean.db" "$out/lean.db-wal" "$out/lean.db-shm"
  lean=$(sed "s|CSVFILE|$csv|" bench/engine-lean.sql | sqlite3 "$out/lean.db" | awk '/^Run Time/ {s += $4} END {print s}')
  echo "$run $base $import $export $engine $lean" | tee -a "$results"
done

python3 - "$results" "$ROWS" "$RUNS" <<'PY'
import statistics, sys
rows = int(sys.argv[2])
runs = [list(map(float, l.split())) for l in open(sys.argv[1]) if l.strip()]
med = lambda i: statistics.median(r[i] for r in runs)
base_s, base_kb, imp_s, imp_kb, exp_s, exp_kb, engine_s, lean_s = (med(i) for i in range(1, 9))
ratio = statistics.median((rows / r[3]) / (rows / r[1]) for r in runs)
print(f"\nMedian of {len(runs)} runs, {rows:,} rows:\n")
print("| step | seconds | rows/s | ratio to sqlite3 .import | peak RSS |")
print("| --- | ---: | ---: | ---: | ---: |")
print(f"| sqlite3 `.import` (baseline) | {base_s:.2f} | {rows/base_s:,.0f} | 1.00 | {base_kb/1024:.0f} MB |")
print(f"| `campaigns import` | {imp_s:.2f} | {rows/imp_s:,.0f} | {ratio:.2f} | {imp_kb/1024:.0f} MB |")
print(f"| `campaigns export` | {exp_s:.2f} | {rows/exp_s:,.0f} | | {exp_kb/1024:.0f} MB |")
print(f"| SQLite alone into our schema (bench/engine-bound.sql) | {engine_s:.2f} | {rows/engine_s:,.0f} | {base_s/engine_s:.2f} | |")
print(f"| SQLite alone into a leaner schema (bench/engine-lean.sql) | {lean_s:.2f} | {rows/lean_s:,.0f} | {base_s/lean_s:.2f} | |")
PY
