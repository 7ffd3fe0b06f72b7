#!/usr/bin/env python3
"""Offline grading benchmark against a running service (bin/assay run, no LLM configured).

Grades every built-in exemplar text once as a candidate answer (each under its own question and
a fresh candidate ref, so nothing is reused from the dedup cache) and reports the service's own
median latency per pipeline stage (assay_grading_stage_seconds) and the client-side median.

Usage: bench/grading.py [base-url]   (default http://localhost:8080)
"""
import json
import statistics
import sys
import time
from assay_client import Client
import uuid

base = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8080"
api = Client(base)
get, post = api.get, api.post


run = uuid.uuid4().hex[:8]
questions = json.loads(get("/api/v1/questions?size=200"))["items"]
latencies, modes = [], {}
for q in questions:
    for i, e in enumerate(json.loads(get(f"/api/v1/questions/{q['id']}/exemplars"))):
        answer = e["text"] + f" (bench {run})"
        start = time.perf_counter()
        g = post("/api/v1/grades", {"questionId": q["id"], "answer": answer, "candidateRef": f"bench-{run}-{i}"})
        latencies.append((time.perf_counter() - start) * 1000)
        modes[g["mode"]] = modes.get(g["mode"], 0) + 1

stages = {}
for line in get("/q/metrics").splitlines():
    if line.startswith("assay_grading_stage_seconds{") and 'quantile="0.5"' in line:
        stage = line.split('stage="')[1].split('"')[0]
        stages[stage] = float(line.split()[-1]) * 1000
print(f"graded {len(latencies)} answers, modes {modes}")
print("median per stage (service timer, ms): " + ", ".join(f"{k} {v:.1f}" for k, v in sorted(stages.items())))
print(f"whole request (client): median {statistics.median(latencies):.1f} ms,"
      f" p95 {sorted(latencies)[int(0.95 * len(latencies))]:.1f} ms")
