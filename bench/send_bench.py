#!/usr/bin/env python3
"""Drives bench/send.sh: smtp-sink, worker processes, the campaigns CLI; reads results from the ledger."""
import argparse, os, signal, socket, sqlite3, statistics, subprocess, time, uuid, glob

p = argparse.ArgumentParser()
p.add_argument("--out", required=True)
p.add_argument("--runs", type=int, default=3)
p.add_argument("--messages", type=int, default=20000)
a = p.parse_args()
OUT = a.out
CLI = ["dotnet", f"{OUT}/cli/campaigns.dll"]
WORKER = ["dotnet", f"{OUT}/worker/Campaigns.Worker.dll", "--urls", "http://127.0.0.1:0"]
RABBIT = os.environ.get("CAMPAIGNS_TEST_RABBITMQ", "amqp://guest:guest@localhost:5672/")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_sink(dump=None):
    port = free_port()
    args = ["/usr/sbin/smtp-sink", "-u", "nobody"]
    if dump:
        os.makedirs(dump, exist_ok=True)
        os.chmod(dump, 0o777)
        args += ["-d", f"{dump}/%M%S."]
    args += [f"127.0.0.1:{port}", "1024"]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return proc, port
        except OSError:
            time.sleep(0.05)
    raise SystemExit("smtp-sink did not start")


class Setup:
    def __init__(self, name, messages, rate, connections, sink_port, domains=20):
        self.dir = f"{OUT}/{name}"
        os.makedirs(self.dir, exist_ok=True)
        self.db = f"{self.dir}/db"
        self.env = dict(os.environ)
        self.env.update({
            "Campaigns__DataDirectory": self.db,
            "ConnectionStrings__RabbitMq": RABBIT,
            "Campaigns__Sending__QueueName": f"bench-{uuid.uuid4().hex}",
            "Campaigns__Sending__Lease": "00:00:05",
            "Campaigns__Sending__DispatchInterval": "00:00:00.250",
            "Campaigns__Sending__ConcurrentBatches": "8",
            "Campaigns__Smtp__Servers__0__Name": "sink",
            "Campaigns__Smtp__Servers__0__Host": "127.0.0.1",
            "Campaigns__Smtp__Servers__0__Port": str(sink_port),
            "Campaigns__Smtp__Servers__0__Security": "None",
            "Campaigns__Smtp__Servers__0__MaxConnections": "64",
            "Logging__LogLevel__Default": "Warning",
        })
        csv = f"{self.dir}/list.csv"
        with open(csv, "w") as f:
            f.write("email,name\n")
            for i in range(messages):
                f.write(f"user{i}@d{i % domains}.example,User {i}\n")
        with open(f"{self.dir}/body.html", "w") as f:
            f.write("<html><body><h1>News</h1><p>Hello {{ subscriber.name }}, this is the news.</p>"
                    "<p><a href=\"https://example.com/a\">Read more</a></p></body></html>")
        self.cli("lists", "create", "Bench")
        self.cli("import", "--list", "Bench", csv)
        self.cli("throttle", "set", "*", "--rate", str(rate), "--connections", str(connections))
        self.cli("campaign", "create", "--name", name, "--subject", "News for {{ subscriber.name }}",
                 "--from", "news@example.com", "--body", f"{self.dir}/body.html", "--list", "Bench")
        self.workers = []

    def cli(self, *args):
        subprocess.run(CLI + list(args), env=self.env, check=True, stdout=subprocess.DEVNULL)

    def worker(self):
        w = subprocess.Popen(WORKER, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.workers.append(w)
        return w

    def wait_ready(self, n):
        # A worker is ready when it has connected to the bus; give the processes a moment to start.
        time.sleep(4 + n)

    def progress(self):
        con = sqlite3.connect(f"{self.db}/campaigns.db", timeout=30)
        try:
            rows = dict(con.execute("SELECT status, COUNT(*) FROM sends WHERE campaign_id = 1 GROUP BY status").fetchall())
            status = con.execute("SELECT status FROM campaigns WHERE id = 1").fetchone()[0]
            return status, rows
        finally:
            con.close()

    def wait_finished(self, timeout=600):
        t0 = time.time()
        while time.time() - t0 < timeout:
            status, rows = self.progress()
            if status == "finished":
                return rows
            time.sleep(0.2)
        raise SystemExit(f"{self.dir}: not finished after {timeout} s: {self.progress()}")

    def sent_times(self):
        con = sqlite3.connect(f"{self.db}/campaigns.db", timeout=30)
        try:
            return con.execute("SELECT started_at, finished_at FROM campaigns WHERE id = 1").fetchone()
        finally:
            con.close()

    def stop(self):
        for w in self.workers:
            if w.poll() is None:
                w.send_signal(signal.SIGTERM)
        for w in self.workers:
            try:
                w.wait(60)
            except subprocess.TimeoutExpired:
                w.kill()


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


def smtp_source(port, messages, sessions):
    t0 = time.time()
    subprocess.run(["/usr/sbin/smtp-source", "-d", "-s", str(sessions), "-m", str(messages), "-l", "1500",
                    "-f", "news@example.com", "-t", "user@d0.example", f"127.0.0.1:{port}"], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.time() - t0


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
