"""Closed-loop load from a separate process (standard library only), shared by the bench scripts.

`run(make_request, items, clients, max_seconds)` keeps `clients` requests in flight on 127.0.0.1
(each client thread holds one keep-alive connection), stops after every item was sent once or
after `max_seconds`, and returns a `Result` with per-request latencies, errors and wall time.
"""
import http.client
import json
import os
import statistics
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def gold_rows():
    """The 207 written gold-set answers (150-250 words) with their built-in question slugs."""
    lines = (ROOT / "eval-sets" / "assay-bank-gold.jsonl").read_text().splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@dataclass
class Result:
    latencies: list = field(default_factory=list)
    errors: dict = field(default_factory=dict)
    seconds: float = 0.0
    bodies: list = field(default_factory=list)

    @property
    def ok(self):
        return len(self.latencies)

    @property
    def throughput(self):
        return self.ok / self.seconds if self.seconds else 0.0

    def pct(self, q):
        xs = sorted(self.latencies)
        return xs[min(len(xs) - 1, int(q * len(xs)))] if xs else float("nan")

    def line(self, name):
        p50 = statistics.median(self.latencies) if self.latencies else float("nan")
        err = f", errors {self.errors}" if self.errors else ""
        return (f"{name}: {self.ok} ok in {self.seconds:.1f} s = {self.throughput:.1f}/s, "
                f"p50 {p50:.0f} ms, p99 {self.pct(0.99):.0f} ms (p99/p50 {self.pct(0.99) / p50:.2f}){err}")


class Connection:
    """One keep-alive HTTP/1.1 connection to the service, re-opened after an error."""

    def __init__(self, base, key, timeout):
        u = urllib.parse.urlsplit(base)
        self.host, self.port, self.timeout = u.hostname, u.port or 80, timeout
        self.headers = {"Authorization": "Bearer " + key, "Content-Type": "application/json"}
        self.conn = None

    def post(self, path, body):
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            self.conn.request("POST", path, json.dumps(body).encode(), self.headers)
            resp = self.conn.getresponse()
            data = resp.read()
            return resp.status, data
        except Exception:
            self.conn.close()
            self.conn = None
            raise


def run(base, key, requests, clients, max_seconds, timeout=120, keep_bodies=False):
    """Sends (path, body) requests with `clients` in flight; bounded by count and by time."""
    result = Result()
    lock = threading.Lock()
    queue = list(reversed(requests))
    deadline = time.monotonic() + max_seconds

    def worker():
        conn = Connection(base, key, timeout)
        while time.monotonic() < deadline:
            with lock:
                if not queue:
                    return
                path, body = queue.pop()
            start = time.perf_counter()
            try:
                status, data = conn.post(path, body)
            except Exception as e:  # a dropped connection or a time-out counts as an error
                status, data = type(e).__name__, b""
            ms = (time.perf_counter() - start) * 1000
            with lock:
                if status in (200, 201):
                    result.latencies.append(ms)
                    if keep_bodies:
                        result.bodies.append(data)
                else:
                    result.errors[status] = result.errors.get(status, 0) + 1

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(max_seconds + timeout)
    result.seconds = time.perf_counter() - start
    return result


def api_key():
    key = os.environ.get("ASSAY_API_KEY")
    return key if key else (ROOT / ".assay" / "admin-key").read_text().strip()


def process_cpu_ms(pid):
    """User + system CPU time of a process so far, in ms (None without a pid)."""
    if not pid:
        return None
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def load_avg():
    return open("/proc/loadavg").read().split()[0]


def heap_mib(base, metric="jvm_memory_used_bytes"):
    """The service's heap (used, or with metric jvm_memory_max_bytes its cap) in MiB, from /q/metrics."""
    import urllib.request
    total = 0.0
    with urllib.request.urlopen(base + "/q/metrics", timeout=10) as r:
        for line in r.read().decode().splitlines():
            if line.startswith(metric + "{") and 'area="heap"' in line:
                value = float(line.split()[-1])
                total += max(0.0, value)
    return total / 2**20


class HeapSampler(threading.Thread):
    """The most heap in use, sampled every second while a benchmark runs."""

    def __init__(self, base):
        super().__init__(daemon=True)
        self.base, self.most, self.running = base, 0.0, True

    def run(self):
        while self.running:
            try:
                self.most = max(self.most, heap_mib(self.base))
            except OSError:
                pass
            time.sleep(1)


def rss_mib(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS"):
            return int(line.split()[1]) / 1024
    return 0.0
