#!/usr/bin/env python3
"""What shadow grading costs live clients, against a running service (bin/assay run, offline).

Grades answers of the gold set (eval-sets/assay-bank-gold.jsonl) to the built-in questions, one
request at a time: a warm-up pass, then three measured passes: without a shadow configuration,
with one (the offline grader shown no exemplars, so every live answer is graded twice), and without
again. Reports the client-side median and p95 of each
pass, the ratio of the shadow pass to the mean of the other two, and how long the shadow queue
took to drain after the last live answer. Restores the workspace (shadow off) at the end.

Usage: bench/shadow.py [base-url] [answers per pass]   (defaults http://localhost:8080, 60)
"""
import json
import pathlib
import statistics
import sys
import time
import urllib.error
import uuid
from assay_client import Client

base = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8080"
per_pass = int(sys.argv[2]) if len(sys.argv) > 2 else 60
api = Client(base)

gold = pathlib.Path(__file__).resolve().parent.parent / "eval-sets" / "assay-bank-gold.jsonl"
rows = [json.loads(line) for line in gold.read_text().splitlines() if line.strip()]
answers = [(r["question_id"], r["answer"]) for r in rows[:: max(1, len(rows) // per_pass)]][:per_pass]

name = "bench-shadow-" + uuid.uuid4().hex[:6]
try:
    api.post("/api/v1/grader-configs", {"name": name, "spec": {"mode": "offline", "exemplars": "none"}})
except urllib.error.HTTPError as e:
    sys.exit(f"cannot save the shadow configuration: {e.read().decode()}")


def run_pass(label):
    run = uuid.uuid4().hex[:8]
    latencies = []
    for i, (q, text) in enumerate(answers):
        start = time.perf_counter()
        api.post("/api/v1/grades", {"questionId": q, "answer": f"{text} ({label} {run})", "candidateRef": f"shadow-bench-{run}-{i}"})
        latencies.append((time.perf_counter() - start) * 1000)
    return latencies


def summary(latencies):
    return statistics.median(latencies), sorted(latencies)[int(0.95 * len(latencies))]


run_pass("warm-up")
results = {}
results["off (before)"] = run_pass("off1")
api.put("/api/v1/shadow", {"config": name})
try:
    results["shadow on"] = run_pass("on")
    last = time.perf_counter()
    seen, changed = -1, time.perf_counter()
    while time.perf_counter() - changed < 1.0:  # until no shadow grade arrives for a second
        count = api.get_json(f"/api/v1/shadow/report?config={name}")["shadowGrades"]
        if count != seen:
            seen, changed = count, time.perf_counter()
        time.sleep(0.05)
    drain = (changed - last) * 1000
finally:
    api.delete("/api/v1/shadow")
results["off (after)"] = run_pass("off2")

for label, lat in results.items():
    median, p95 = summary(lat)
    print(f"{label:14} n={len(lat)} median {median:.1f} ms, p95 {p95:.1f} ms")
off = (summary(results["off (before)"])[0] + summary(results["off (after)"])[0]) / 2
print(f"shadow-on median / shadow-off median: {summary(results['shadow on'])[0] / off:.2f}")
print(f"shadow grades stored: {seen} of {per_pass} live answers (assay.grading.shadow-rate);"
      f" the last {max(0, drain):.0f} ms after the last live answer")
report = api.get_json(f"/api/v1/shadow/report?config={name}")
print("shadow vs active:", json.dumps(report["shadowVsActive"]))
