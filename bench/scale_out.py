#!/usr/bin/env python3
"""Scale-out in LLM-bound mode: one batch graded by one instance, then by two on one database.

Starts bench/fake_llm.py (an OpenAI-compatible fake taking DELAY seconds per call) and the built
service (target/quarkus-app/quarkus-run.jar, as bench/batch_crash.py starts it) pointed at it, on
the local cluster of bin/assay (ASSAY_DB_PORT). Each instance grades batch items with
`assay.queue.grade-workers` = WORKERS workers, each holding one LLM call at a time: that is the
per-instance bound on concurrent LLM calls in batch grading (a provider's per-deployment
concurrency limit is the same kind of bound), so an instance can grade at most about
WORKERS / DELAY items a second however idle its CPU is.

  phase 1: one instance; a batch of N answers (gold-set answers made unique); wait until done.
  phase 2: two instances; another batch of N answers submitted to the first; both grade it.

Per phase it prints the throughput (items / seconds from submit to done), the CPU the instances
used per item (from /proc, whatever else runs on the machine), the most database connections seen
(pg_stat_activity, every second), the fake's most calls in flight, and from the database the
grades per answer: duplicates (answers with more than one grade) must be 0, every grade by the LLM.
Then the ratio of the two throughputs (near 2 when the LLM bound is the limit).

Usage: ASSAY_DB_PORT=55453 bench/scale_out.py [--answers 160] [--workers 2] [--delay 2]
       [--port 8103]   (cluster started and jar built first, e.g. `bin/assay run` once)
"""
import argparse
import json
import os
import subprocess
import sys
import threading
import time
import urllib.request
import uuid

import batch_crash as bc

CLK = os.sysconf("SC_CLK_TCK")


def args():
    p = argparse.ArgumentParser()
    p.add_argument("--answers", type=int, default=160)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--delay", type=float, default=2.0)
    p.add_argument("--port", type=int, default=int(os.environ.get("QUARKUS_HTTP_PORT", "8103")))
    p.add_argument("--lease", default="30s")
    return p.parse_args()


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK


class ConnectionSampler(threading.Thread):
    """The most client connections to the database seen, sampled every second."""

    def __init__(self):
        super().__init__(daemon=True)
        self.most, self.running = 0, True

    def run(self):
        while self.running:
            n = bc.psql("SELECT count(*) FROM pg_stat_activity WHERE datname = 'assay'"
                        " AND backend_type = 'client backend' AND pid <> pg_backend_pid()")
            self.most = max(self.most, int(n or 0))
            time.sleep(1)


def fake_stats(fake_port):
    with urllib.request.urlopen(f"http://127.0.0.1:{fake_port}/stats", timeout=10) as r:
        return json.loads(r.read())


def submit(port, n, tag):
    """A batch of n gold-set answers, each made unique to this phase (identical answers could be
    served without a new LLM call, and the phases would not measure the same work)."""
    lines = bc.answers(n, tag).decode().splitlines()
    unique = []
    for line in lines:
        row = json.loads(line)
        row["answer"] += f" [{tag}]"
        unique.append(json.dumps(row))
    body = ("\n".join(unique) + "\n").encode()
    return bc.call(port, "POST", "/api/v1/grade-batches", body, "application/x-ndjson")["id"]


def phase(o, count, llm_url, fake_port):
    tag = f"scale{count}-" + uuid.uuid4().hex[:8]
    ports = [o.port] + [bc.free_port() for _ in range(count - 1)]
    instances = [bc.Instance(f"scale-{i}", p, o.workers, o.lease, llm_url) for i, p in enumerate(ports)]
    calls0 = fake_stats(fake_port)["calls"]
    sampler = ConnectionSampler()
    sampler.start()
    cpu0 = sum(cpu_seconds(i.proc.pid) for i in instances)
    t0 = time.time()
    batch = submit(o.port, o.answers, tag)
    print(f"{count} instance(s): batch {batch} of {o.answers} answers", flush=True)
    end = bc.wait(o.port, batch, lambda b: b["status"] == "done", f"{count} instance(s)")
    seconds = time.time() - t0
    cpu = sum(cpu_seconds(i.proc.pid) for i in instances) - cpu0
    sampler.running = False
    for i in instances:
        i.stop()
    stats = fake_stats(fake_port)
    modes = bc.psql(f"SELECT string_agg(mode || '=' || n, ' ') FROM (SELECT mode, count(*) n FROM grade"
                    f" WHERE candidate_ref LIKE '{tag}-%' GROUP BY mode ORDER BY mode) m")
    return {"instances": count, "seconds": round(seconds, 1),
            "throughput": round(o.answers / seconds, 2), "failed": end["failed"],
            "cpu per item ms": round(1000 * cpu / o.answers), "cpu cores used": round(cpu / seconds, 2),
            "most db connections": sampler.most, "llm calls": stats["calls"] - calls0,
            "most llm calls in flight (fake, so far)": stats["maxInFlight"], "grade modes": modes,
            **bc.counts(batch, tag)}


def main():
    o = args()
    if not bc.JAR.exists():
        sys.exit("build the jar first (bin/assay run, or ./mvnw package -DskipTests)")
    fake_port = bc.free_port()
    fake = subprocess.Popen([sys.executable, str(bc.ROOT / "bench" / "fake_llm.py"), str(fake_port), str(o.delay)])
    llm_url = f"http://127.0.0.1:{fake_port}/v1"
    print(f"load average before: {open('/proc/loadavg').read().split()[:3]}; {os.cpu_count()} cores;"
          f" fake LLM {o.delay} s per call; {o.workers} grade workers per instance", flush=True)
    try:
        time.sleep(1)
        one, two = phase(o, 1, llm_url, fake_port), phase(o, 2, llm_url, fake_port)
    finally:
        fake.terminate()
    print(f"load average after: {open('/proc/loadavg').read().split()[:3]}")
    for r in (one, two):
        print(r)
    dups = one["answers with >1 grade"] + two["answers with >1 grade"]
    ok = all(r["grades"] == o.answers and r["done"] == o.answers and r["answers with >1 grade"] == 0
             for r in (one, two))
    bound = o.workers / o.delay
    print(f"RESULT scale-out (LLM {o.delay} s, {o.workers} workers per instance, bound {bound:.2f}/s per"
          f" instance): 1 instance {one['throughput']}/s, 2 instances {two['throughput']}/s,"
          f" ratio {two['throughput'] / one['throughput']:.2f}; duplicates {dups};"
          f" every item graded once: {'yes' if ok else 'NO'}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
