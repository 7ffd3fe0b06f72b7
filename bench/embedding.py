#!/usr/bin/env python3
"""Embedding benchmark against a running service (bin/assay run).

Sends every exemplar text of the built-in bank (short to long answers) to the retrieve endpoint
and reports, from the service's own timer, the median time to embed one answer, plus the client-
side median latency of the whole retrieve call (embed + exact per-question SQL).

Usage: bench/embedding.py [base-url] [rounds]   (defaults: http://localhost:8080, 3)
"""
import json
import statistics
import sys
import time
from assay_client import Client

base = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8080"
api = Client(base)
get, post = api.get, api.post
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3


def embedding_timer():
    count = total = 0.0
    for line in get("/q/metrics").splitlines():
        if line.startswith("assay_embedding_duration_seconds_count"):
            count = float(line.split()[-1])
        elif line.startswith("assay_embedding_duration_seconds_sum"):
            total = float(line.split()[-1])
    return count, total


questions = json.loads(get("/api/v1/questions?size=200"))["items"]
texts = []
for q in questions:
    for e in json.loads(get(f"/api/v1/questions/{q['id']}/exemplars")):
        texts.append((q["id"], e["text"]))

latencies, chunks, words = [], [], []
for _ in range(rounds):
    for qid, text in texts:
        start = time.perf_counter()
        r = post(f"/api/v1/questions/{qid}/retrieve", {"answer": text, "k": 3})
        latencies.append((time.perf_counter() - start) * 1000)
        chunks.append(r["answerChunks"])
        words.append(len(text.split()))

quantile = None
for line in get("/q/metrics").splitlines():
    if line.startswith('assay_embedding_duration_seconds{') and 'quantile="0.5"' in line:
        quantile = float(line.split()[-1]) * 1000
count, total = embedding_timer()
print(f"answers: {len(texts)} x {rounds} rounds; words median {statistics.median(words)}, max {max(words)};"
      f" chunks median {statistics.median(chunks)}, max {max(chunks)}")
print(f"embedding per answer (service timer): median {quantile:.1f} ms, mean {1000 * total / count:.1f} ms")
print(f"retrieve call (client): median {statistics.median(latencies):.1f} ms,"
      f" p95 {sorted(latencies)[int(0.95 * len(latencies))]:.1f} ms")
