#!/usr/bin/env python3
"""Batch grading survives a killed instance and is shared by two (issue 12's queue targets).

Starts the service itself (the built jar, target/quarkus-app/quarkus-run.jar, offline grader) on
the local cluster of bin/assay (ASSAY_DB_PORT), and grades answers of the gold set
(eval-sets/assay-bank-gold.jsonl, each made unique) to the built-in questions as grade batches:

  1. kill -9: one instance; a batch of N answers; SIGKILL when a third is settled; restart;
     wait for the batch to finish.
  2. two instances on one database; a batch of N answers submitted to the first; both grade it.

After each phase it counts, in the database (psql): grades logged for the batch's items, items
with more than one grade, distinct grades linked from items, items settled by each instance, and
items claimed more than once (taken over after the kill). Exactly once means grades == N and
duplicates == 0.

Usage: ASSAY_DB_PORT=55444 bench/batch_crash.py [--answers 2000] [--port 8094] [--workers 2]
       (run `bin/assay db start` and build the jar first, e.g. `bin/assay run` once)
"""
import argparse
import json
import os
import pathlib
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid

ROOT = pathlib.Path(__file__).resolve().parent.parent
JAR = ROOT / "target" / "quarkus-app" / "quarkus-run.jar"
KEY = "bench-admin-key-batch-crash-0123456789"


def args():
    p = argparse.ArgumentParser()
    p.add_argument("--answers", type=int, default=2000)
    p.add_argument("--port", type=int, default=int(os.environ.get("QUARKUS_HTTP_PORT", "8094")))
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--lease", default="10s")
    p.add_argument("--kill-at", type=float, default=1 / 3)
    return p.parse_args()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def psql(sql):
    db_port = os.environ.get("ASSAY_DB_PORT", "55432")
    bins = sorted(pathlib.Path("/usr/lib/postgresql").glob("*/bin/psql"))
    cmd = [str(bins[-1]), "-h", "127.0.0.1", "-p", db_port, "-U", "assay", "-d", "assay", "-tAc", sql]
    if os.geteuid() == 0:
        cmd = ["runuser", "-u", "postgres", "--"] + cmd
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip()


class Instance:
    def __init__(self, name, port, workers, lease, llm_url=None):
        self.name, self.port = name, port
        self.log = open(ROOT / ".assay" / f"bench-{name}.log", "w")
        env = dict(os.environ, QUARKUS_HTTP_PORT=str(port), ASSAY_BOOTSTRAP_ADMIN_KEY=KEY,
                   ASSAY_QUEUE_GRADE_WORKERS=str(workers), ASSAY_QUEUE_LEASE=lease,
                   ASSAY_LOG_LEVEL="WARN",
                   ASSAY_RATE_LIMIT_REQUESTS_PER_MINUTE="100000")
        env.pop("ASSAY_LLM_BASE_URL", None)  # the offline grader, unless an LLM is given
        if llm_url:
            env.update(ASSAY_LLM_BASE_URL=llm_url, ASSAY_LLM_API_KEY="bench")
        env.setdefault("ASSAY_DB_URL", f"jdbc:postgresql://127.0.0.1:{os.environ.get('ASSAY_DB_PORT', '55432')}/assay")
        java = pathlib.Path(os.environ.get("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64")) / "bin" / "java"
        self.proc = subprocess.Popen([str(java), "--enable-native-access=ALL-UNNAMED", "-jar", str(JAR)],
                                     env=env, stdout=self.log, stderr=subprocess.STDOUT)
        self.wait_ready()

    def wait_ready(self):
        deadline = time.time() + 900
        while time.time() < deadline:
            if self.proc.poll() is not None:
                sys.exit(f"instance {self.name} exited; see .assay/bench-{self.name}.log")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/q/health/ready", timeout=5):
                    return
            except (urllib.error.URLError, OSError):
                time.sleep(1)
        sys.exit(f"instance {self.name} not ready after 900 s")

    def kill9(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(60)


def call(port, method, path, body=None, content_type="application/json"):
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", body, method=method,
                                 headers={"Authorization": "Bearer " + KEY, "Content-Type": content_type})
    with urllib.request.urlopen(req, timeout=120) as r:
        return json.loads(r.read())


def answers(n, tag):
    gold = ROOT / "eval-sets" / "assay-bank-gold.jsonl"
    rows = [json.loads(line) for line in gold.read_text().splitlines() if line.strip()]
    lines = []
    for i in range(n):
        r = rows[i % len(rows)]
        lines.append(json.dumps({"questionId": r["question_id"], "candidateRef": f"{tag}-{i}",
                                 "answer": f"{r['answer']} (variant {i})"}))
    return ("\n".join(lines) + "\n").encode()


def submit(port, n, tag):
    return call(port, "POST", "/api/v1/grade-batches", answers(n, tag), "application/x-ndjson")["id"]


def progress(port, batch):
    return call(port, "GET", f"/api/v1/grade-batches/{batch}")


def wait(port, batch, until, label):
    last = 0
    while True:
        b = progress(port, batch)
        settled = b["done"] + b["failed"]
        if time.time() - last > 15:
            print(f"  {label}: {settled}/{b['total']} settled, {b.get('ratePerSecond', '-')}/s", flush=True)
            last = time.time()
        if until(b):
            return b
        time.sleep(1)


def counts(batch, tag):
    q = f"""
      SELECT (SELECT count(*) FROM work_item WHERE batch_id = '{batch}'),
             (SELECT count(*) FROM work_item WHERE batch_id = '{batch}' AND status = 'done'),
             (SELECT count(*) FROM grade WHERE candidate_ref LIKE '{tag}-%'),
             (SELECT count(*) FROM (SELECT candidate_ref FROM grade WHERE candidate_ref LIKE '{tag}-%'
                                    GROUP BY candidate_ref HAVING count(*) > 1) d),
             (SELECT count(DISTINCT grade_id) FROM work_item WHERE batch_id = '{batch}'),
             (SELECT count(*) FROM work_item WHERE batch_id = '{batch}' AND attempts > 1)"""
    items, done, grades, dup, linked, reclaimed = map(int, psql(q).split("|"))
    by = psql(f"SELECT lease_owner, count(*) FROM work_item WHERE batch_id = '{batch}' GROUP BY 1 ORDER BY 1")
    return {"items": items, "done": done, "grades": grades, "answers with >1 grade": dup,
            "distinct grades linked": linked, "items claimed more than once": reclaimed,
            "settled by": [line.split("|")[1] for line in by.splitlines()]}


def phase_kill(o):
    tag = "crash-" + uuid.uuid4().hex[:8]
    a = Instance("a", o.port, o.workers, o.lease)
    t0 = time.time()
    batch = submit(o.port, o.answers, tag)
    print(f"phase 1: batch {batch} of {o.answers} answers, one instance", flush=True)
    at_kill = wait(o.port, batch, lambda b: b["done"] + b["failed"] >= o.answers * o.kill_at, "before kill")
    a.kill9()
    killed_at = time.time()
    print(f"  kill -9 after {at_kill['done']} graded ({killed_at - t0:.0f} s)", flush=True)
    a = Instance("a", o.port, o.workers, o.lease)
    print(f"  restarted in {time.time() - killed_at:.0f} s", flush=True)
    end = wait(o.port, batch, lambda b: b["status"] == "done", "after restart")
    a.stop()
    return {"batch": batch, "graded before kill": at_kill["done"], "failed": end["failed"],
            "seconds": round(time.time() - t0), **counts(batch, tag)}


def phase_two(o):
    tag = "pair-" + uuid.uuid4().hex[:8]
    a = Instance("a", o.port, o.workers, o.lease)
    b = Instance("b", free_port(), o.workers, o.lease)
    t0 = time.time()
    batch = submit(o.port, o.answers, tag)
    print(f"phase 2: batch {batch} of {o.answers} answers, two instances", flush=True)
    end = wait(o.port, batch, lambda x: x["status"] == "done", "two instances")
    a.stop()
    b.stop()
    return {"batch": batch, "failed": end["failed"], "seconds": round(time.time() - t0), **counts(batch, tag)}


def main():
    o = args()
    if not JAR.exists():
        sys.exit("build the jar first (bin/assay run, or ./mvnw package -DskipTests)")
    results = {"kill -9 and restart": phase_kill(o), "two instances": phase_two(o)}
    print(json.dumps(results, indent=2))
    ok = all(r["grades"] == o.answers and r["answers with >1 grade"] == 0 and r["done"] == o.answers
             and r["distinct grades linked"] == o.answers for r in results.values())
    print("exactly once:", "yes" if ok else "NO")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
