#!/usr/bin/env python3
"""Drives bench/send-dkim.sh. Prints a Markdown table of medians."""
import argparse, os, resource, statistics, subprocess, sys, time

p = argparse.ArgumentParser()
p.add_argument("--out", required=True)
p.add_argument("--runs", type=int, default=3)
p.add_argument("--messages", type=int, default=100000)
a = p.parse_args()
os.environ["CAMPAIGNS_BENCH_OUT"] = a.out
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sendlib import Setup, process_usage, smtp_source, start_sink  # noqa: E402

SESSIONS = 8  # each worker sends 8 batches at once, one connection each
# ~20 KB of personalized HTML with 20 tracked links.
paragraph = ("<p style=\"font-family:Georgia,serif;font-size:16px;line-height:1.6;color:#333\">Dear {{ subscriber.name }}, "
             + "this month we look at what changed in the product and what is coming next. " * 8 + "</p>")
BODY = ("<html><head><style>h2{color:#224}</style></head><body><h1>News for {{ subscriber.name }}</h1>"
        + "".join(f"{paragraph}<h2>Story {i}</h2><p><a href=\"https://example.com/story/{i}?utm_source=news\">Read story {i}</a></p>" for i in range(20))
        + "<p><a href=\"{{ unsubscribe_url }}\">Unsubscribe</a></p></body></html>")
with open(f"{a.out}/body.html", "w") as f:
    f.write(BODY)

rows = {}
for run in range(a.runs):
    one_core, all_cores = map(float, subprocess.check_output(["dotnet", f"{a.out}/dkimrate/DkimRate.dll", f"{a.out}/body.html", "3000"]).decode().split())
    # The workers use every core, so the signing-alone rate they are held to is the one on every core.
    sign_rate = all_cores
    rows.setdefault("sign", []).append(sign_rate)
    rows.setdefault("sign1", []).append(one_core)
    sink, port = start_sink()
    try:
        # The ceiling's own CPU per message (smtp-source plus the sink), for the bound below.
        children0, sink0 = resource.getrusage(resource.RUSAGE_CHILDREN), process_usage(sink.pid)[0]
        ceiling = a.messages / smtp_source(port, a.messages, SESSIONS, size=len(BODY))
        children1, sink1 = resource.getrusage(resource.RUSAGE_CHILDREN), process_usage(sink.pid)[0]
        source_cpu = (children1.ru_utime + children1.ru_stime) - (children0.ru_utime + children0.ru_stime)
        rows.setdefault("ceiling", []).append(ceiling)
        rows.setdefault("ceiling_cpu", []).append((source_cpu + sink1 - sink0) / a.messages * 1000)
        for dkim in (False, True):
            for workers in (1, 2):
                s = Setup(f"r{run}-{'dkim' if dkim else 'plain'}-{workers}", a.messages, 1_000_000, 512, port, body=BODY, dkim=dkim)
                procs = [s.worker() for _ in range(workers)]
                s.wait_ready(workers)
                t0 = time.time()
                s.cli("campaign", "start", "1")
                result = s.wait_finished(timeout=3600)
                elapsed = time.time() - t0
                usage = [process_usage(w.pid) for w in procs]
                s.stop()
                assert result.get("sent") == a.messages, result
                rate = a.messages / elapsed
                rows.setdefault((dkim, workers), []).append({
                    "rate": rate, "ceiling": rate / ceiling, "sign": rate / sign_rate if dkim else None,
                    "cpu": sum(u[0] for u in usage) / a.messages * 1000, "rss": max(u[1] for u in usage)})
    finally:
        sink.kill()

med = statistics.median
print(f"\n{a.messages:,} recipients, ~{len(BODY) // 1024} KB HTML each with 20 tracked links and an open pixel, median of {a.runs} run(s):\n")
print(f"- ceiling: smtp-source, {SESSIONS} connections, same size: {med(rows['ceiling']):,.0f} messages/s")
print(f"- RSA-2048 DKIM signing alone on these messages (MimeKit, RSA through the platform): {med(rows['sign']):,.0f} signatures/s "
      f"on every core, {med(rows['sign1']):,.0f} on one\n")
# The most any sender could reach with DKIM on this machine: one that costs no more than smtp-source does, plus the
# signature (one-core cost), with every core busy.
cores = os.cpu_count() or 1
sign_ms = 1000 / med(rows["sign1"])
bound = cores * 1000 / (med(rows["ceiling_cpu"]) + sign_ms)
print(f"- the ceiling's own CPU (smtp-source and the sink): {med(rows['ceiling_cpu']):.3f} CPU-s per 1,000 messages; one signature: "
      f"{sign_ms:.3f} CPU-ms; so a sender as cheap as smtp-source that also signs tops out at {bound:,.0f} messages/s on {cores} cores, "
      f"{bound / med(rows['sign']):.2f} of the signing-alone rate\n")
print("| DKIM | workers | messages/s | ratio to ceiling | ratio to signing rate | CPU-s per 1,000 | peak RSS per worker |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
for dkim in (False, True):
    for workers in (1, 2):
        r = rows[(dkim, workers)]
        sign = f"{med(x['sign'] for x in r):.2f}" if dkim else ""
        print(f"| {'RSA-2048' if dkim else 'off'} | {workers} | {med(x['rate'] for x in r):,.0f} | {med(x['ceiling'] for x in r):.3f} | {sign} | "
              f"{med(x['cpu'] for x in r):.2f} | {med(x['rss'] for x in r):.0f} MB |")
