#!/usr/bin/env python3
"""Shared by the sending benchmarks: smtp-sink, worker processes, the campaigns CLI, the ledger."""
import os, signal, socket, sqlite3, subprocess, time, uuid

OUT = os.environ.get("CAMPAIGNS_BENCH_OUT", "")
RABBIT = os.environ.get("CAMPAIGNS_TEST_RABBITMQ", "amqp://guest:guest@localhost:5672/")


def cli_cmd():
    return ["dotnet", f"{OUT}/cli/campaigns.dll"]


def worker_cmd():
    return ["dotnet", f"{OUT}/worker/Campaigns.Worker.dll", "--urls", "http://127.0.0.1:0"]


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
    def __init__(self, name, messages, rate, connections, sink_port, domains=20, body=None, dkim=False):
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
            f.write(body or "<html><body><h1>News</h1><p>Hello {{ subscriber.name }}, this is the news.</p>"
                    "<p><a href=\"https://example.com/a\">Read more</a></p></body></html>")
        self.cli("lists", "create", "Bench")
        self.cli("import", "--list", "Bench", csv)
        self.cli("throttle", "set", "*", "--rate", str(rate), "--connections", str(connections))
        if dkim:
            self.cli("dkim", "generate", "example.com", "--selector", "bench", "--algorithm", "rsa")
        self.cli("campaign", "create", "--name", name, "--subject", "News for {{ subscriber.name }}",
                 "--from", "news@example.com", "--body", f"{self.dir}/body.html", "--list", "Bench")
        self.workers = []

    def cli(self, *args):
        subprocess.run(cli_cmd() + list(args), env=self.env, check=True, stdout=subprocess.DEVNULL)

    def worker(self):
        w = subprocess.Popen(worker_cmd(), env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
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




def smtp_source(port, messages, sessions, size=1500):
    """Postfix's load generator into the same sink: this machine's ceiling for the SMTP path."""
    t0 = time.time()
    subprocess.run(["/usr/sbin/smtp-source", "-d", "-s", str(sessions), "-m", str(messages), "-l", str(size),
                    "-f", "news@example.com", "-t", "user@d0.example", f"127.0.0.1:{port}"], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.time() - t0


def process_usage(pid):
    """CPU seconds (user + system) and peak RSS in MB of a running process, from /proc."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    cpu = (int(fields[11]) + int(fields[12])) / ticks
    with open(f"/proc/{pid}/status") as f:
        peak = next(int(l.split()[1]) for l in f if l.startswith("VmHWM:")) / 1024
    return cpu, peak
