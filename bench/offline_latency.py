#!/usr/bin/env python3
"""Offline grading latency of two running services, side by side on the same answers.

Sends each gold-set answer (eval-sets/assay-bank-gold.jsonl: written answers of 150-250 words to
the built-in questions) to service A, then to service B, alternating which goes first, so both
see the same load; every answer ends in a fresh random token, so no grade is reused from an earlier
run (the services reuse a grade of the same text). Prints the
client-side median and p95 of each, the per-stage medians from the grades' own provenance, and
the ratio of the medians B / A.

Usage: bench/offline_latency.py URL_A KEY_A URL_B KEY_B [rounds]   (rounds of the 207 answers, default 1)
"""
import json
import statistics
import sys
import time
import urllib.request
import uuid
from pathlib import Path

if len(sys.argv) < 5:
    sys.exit(__doc__)
url_a, key_a, url_b, key_b = sys.argv[1:5]
rounds = int(sys.argv[5]) if len(sys.argv) > 5 else 1
rows = [json.loads(line) for line in
        (Path(__file__).resolve().parent.parent / "eval-sets" / "assay-bank-gold.jsonl").read_text().splitlines()
        if line.strip()]


def grade(url, key, row, tag):
    body = json.dumps({"questionId": row["question_id"], "answer": row["answer"] + " " + uuid.uuid4().hex[:8],
                       "candidateRef": f"latency-{tag}-{uuid.uuid4().hex[:8]}"}).encode()
    req = urllib.request.Request(url.rstrip("/") + "/api/v1/grades", data=body, method="POST",
                                 headers={"Authorization": "Bearer " + key, "Content-Type": "application/json"})
    start = time.perf_counter()
    with urllib.request.urlopen(req) as resp:
        g = json.load(resp)
    return (time.perf_counter() - start) * 1000, g["provenance"]["latencyMs"]


results = {"A": [], "B": []}
stages = {"A": {}, "B": {}}
for r in range(rounds):
    for i, row in enumerate(rows):
        order = [("A", url_a, key_a), ("B", url_b, key_b)]
        if (i + r) % 2:
            order.reverse()
        for name, url, key in order:
            ms, latency = grade(url, key, row, name)
            results[name].append(ms)
            for stage, v in latency.items():
                stages[name].setdefault(stage, []).append(v)

for name, url in (("A", url_a), ("B", url_b)):
    xs = sorted(results[name])
    per_stage = ", ".join(f"{k} {statistics.median(v):.1f}" for k, v in stages[name].items())
    print(f"{name} {url}: {len(xs)} grades, median {statistics.median(xs):.1f} ms, "
          f"p95 {xs[int(0.95 * len(xs))]:.1f} ms; stage medians (ms): {per_stage}")
print(f"ratio of medians B/A: {statistics.median(results['B']) / statistics.median(results['A']):.2f}")
