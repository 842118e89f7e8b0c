#!/usr/bin/env python3
"""Drives bench/send.sh: smtp-sink, worker processes, the campaigns CLI; reads results from the ledger."""
import argparse, os, signal, statistics, subprocess, sys, time, glob

p = argparse.ArgumentParser()
p.add_argument("--out", required=True)
p.add_argument("--runs", type=int, default=3)
p.add_argument("--messages", type=int, default=20000)
a = p.parse_args()
OUT = a.out
os.environ["CAMPAIGNS_BENCH_OUT"] = OUT
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sendlib import Setup, smtp_source, start_sink  # noqa: E402


def timed_campaign(s, workers):
    for _ in range(workers):
        s.worker()
    s.wait_ready(workers)
    t0 = time.time()
    s.cli("campaign", "start", "1")
    rows = s.wait_finished()
    elapsed = time.time() - t0
    s.stop()
    return elapsed, rows


# (a) throughput
results = {1: [], 2: [], 4: []}
baseline = []
for run in range(a.runs):
    sink, port = start_sink()
    try:
        baseline.append(a.messages / smtp_source(port, a.messages, 8))
        for n in (1, 2, 4):
            s = Setup(f"a-{run}-{n}", a.messages, 100000, 256, port)
            elapsed, rows = timed_campaign(s, n)
            assert rows.get("sent") == a.messages, rows
            results[n].append(a.messages / elapsed)
    finally:
        sink.kill()

print(f"\n(a) Throughput, {a.messages:,} messages per campaign (20 domains, no rate limit), median of {a.runs} runs:\n")
print("| sender | messages/s | ratio to smtp-source |")
print("| --- | ---: | ---: |")
b = statistics.median(baseline)
print(f"| smtp-source, 8 sessions (baseline) | {b:,.0f} | 1.00 |")
for n in (1, 2, 4):
    m = statistics.median(results[n])
    ratio = statistics.median(r / bl for r, bl in zip(results[n], baseline))
    print(f"| {n} worker process{'es' if n > 1 else ''} | {m:,.0f} | {ratio:.2f} |")

# (b) a domain limit held by the fleet
sink, port = start_sink(dump=f"{OUT}/b-dump")
try:
    s = Setup("b", 3000, 100, 20, port, domains=1)
    elapsed, rows = timed_campaign(s, 3)
finally:
    sink.kill()
times = sorted(os.path.getmtime(f) for f in glob.glob(f"{OUT}/b-dump/*"))
windows = [sum(1 for u in times[i:] if u - t < 1.0) for i, t in enumerate(times)]
busiest = max(windows)
per_second = {}
for t in times:
    per_second[int(t)] = per_second.get(int(t), 0) + 1
full = sorted(per_second.values())[1:-1] or [0]
print(f"\n(b) One domain limited to 100 messages/s, 3,000 messages, 3 worker processes:\n")
print(f"- received {len(times):,} messages in {elapsed:.1f} s ({len(times)/elapsed:.1f}/s overall)")
print(f"- busiest 1-second window (sliding, at each arrival): {busiest} messages; limit 100, tolerance stated: +5%")
print(f"- whole calendar seconds (first and last left out): median {statistics.median(full)}, max {max(full)}")

# (c) a worker killed and another stopped mid-campaign
sink, port = start_sink(dump=f"{OUT}/c-dump")
try:
    s = Setup("c", 6000, 1000, 64, port)
    ws = [s.worker() for _ in range(4)]
    s.wait_ready(4)
    s.cli("campaign", "start", "1")
    while s.progress()[1].get("sent", 0) < 1500:
        time.sleep(0.05)
    ws[0].kill()
    while s.progress()[1].get("sent", 0) < 3000:
        time.sleep(0.05)
    ws[1].send_signal(signal.SIGTERM)
    rows = s.wait_finished()
    s.stop()
finally:
    sink.kill()
tags = []
for f in glob.glob(f"{OUT}/c-dump/*"):
    with open(f, errors="replace") as fh:
        for line in fh:
            if line.startswith("X-Campaign:"):
                tags.append(line.split(":", 1)[1].strip())
                break
print(f"\n(c) 6,000 messages, 4 workers; one killed (kill -9) at 1,500 sent, one stopped (SIGTERM) at 3,000:\n")
print(f"- ledger: {rows}")
print(f"- received {len(tags):,} messages, {len(set(tags)):,} distinct recipients, {len(tags) - len(set(tags))} repeated"
      f" (bound: 8, one per connection of the killed worker)")

# (d) scaling out mid-campaign
sink, port = start_sink()
try:
    s = Setup("d", 20000, 100000, 256, port)
    s.worker()
    s.wait_ready(1)
    s.cli("campaign", "start", "1")
    samples = []
    t0 = time.time()
    added = False
    while True:
        status, rows = s.progress()
        samples.append((time.time() - t0, rows.get("sent", 0)))
        if status == "finished":
            break
        if not added and rows.get("sent", 0) >= 4000:
            for _ in range(3):
                s.worker()
            added = time.time() - t0
        time.sleep(0.5)
    s.stop()
finally:
    sink.kill()
def rate(t1, t2):
    pts = [p for p in samples if t1 <= p[0] <= t2]
    return (pts[-1][1] - pts[0][1]) / (pts[-1][0] - pts[0][0]) if len(pts) > 1 and pts[-1][0] > pts[0][0] else 0
print(f"\n(d) 20,000 messages; 1 worker, then 3 more started at {added:.1f} s (4,000 sent), nothing restarted:\n")
print(f"- rate with 1 worker: {rate(1, added):,.0f}/s; after the others joined (from {added + 6:.0f} s): {rate(added + 6, samples[-1][0]):,.0f}/s; finished at {samples[-1][0]:.1f} s")
