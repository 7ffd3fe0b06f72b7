#!/usr/bin/env python3
"""LLM fault benchmark: grades against a fake LLM that fails a share of its calls.

Starts bench/fake_llm_faults.py's server (30% of calls fail, evenly: HTTP 500, 429 with Retry-After: 1,
connection reset, a stall of 60 s, a body trickled over 30 s, malformed JSON), sends GRADES
grades of ~300-word answers with CONCURRENCY clients, each with its own Idempotency-Key (a client
retries a 5xx or a lost connection with the same key, as platforms do), then reads the grade log
and prints: lost (acknowledged but not in the log, or never acknowledged), duplicated (more than
one grade for one request), hung (a request longer than the deadline + 1 s) and the share ending
in a retriable error (an HTTP 5xx, or a grade that fell back because of a transient LLM fault).

The service must run in LLM mode against the fake, with the deadline given here, e.g.:
  ASSAY_LLM_BASE_URL=http://127.0.0.1:18089/v1 ASSAY_LLM_DEADLINE=10s bin/assay run
  bench/llm_faults.py --service http://localhost:8080 --deadline 10
"""
import argparse
import collections
import json
import statistics
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor

from assay_client import Client, api_key
from fake_llm_faults import FakeLlm

TRANSIENT = {"llm-timeout", "llm-rate-limited", "llm-unavailable", "llm-busy", "llm-circuit-open"}


def answers_for(client, question, n, run, words=300):
    """n distinct answers of about `words` words built from the question's exemplar texts."""
    texts = [e["text"] for e in client.get_json(f"/api/v1/questions/{question}/exemplars")]
    pool = " ".join(texts).split()
    out = []
    for i in range(n):
        start = (i * 37) % max(1, len(pool) - words)
        body = (pool * (1 + words // max(1, len(pool))))[start:start + words - 3]
        out.append(" ".join(body) + f" Ref {run} {i}.")
    return out


def post_grade(base, body, key, timeout):
    req = urllib.request.Request(base + "/api/v1/grades", json.dumps(body).encode(), {
        "Content-Type": "application/json", "Authorization": "Bearer " + api_key(), "Idempotency-Key": key})
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, json.loads(r.read()), time.perf_counter() - start
    except urllib.error.HTTPError as e:
        return e.code, None, time.perf_counter() - start
    except (urllib.error.URLError, OSError):
        return None, None, time.perf_counter() - start


def one(args, question, answer, ref):
    """Grade one answer, retrying 5xx and lost connections with the same key (up to 3 times)."""
    key, tries = str(uuid.uuid4()), []
    body = {"questionId": question, "answer": answer, "candidateRef": ref}
    for _ in range(4):
        status, grade, seconds = post_grade(args.service, body, key, args.deadline + 60)
        tries.append((status, seconds))
        if status is not None and status < 500:
            return {"ref": ref, "status": status, "grade": grade, "tries": tries}
    return {"ref": ref, "status": tries[-1][0], "grade": None, "tries": tries}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--service", default="http://localhost:8080")
    p.add_argument("--fake-port", type=int, default=18089)
    p.add_argument("--grades", type=int, default=400)
    p.add_argument("--concurrency", type=int, default=8)
    p.add_argument("--fault-rate", type=float, default=0.3)
    p.add_argument("--deadline", type=float, default=10, help="the service's ASSAY_LLM_DEADLINE in seconds")
    args = p.parse_args()

    fake = FakeLlm(args.fake_port, args.fault_rate).start()
    client = Client(args.service)
    questions = client.get_json("/api/v1/questions?size=200")["items"]
    question = next(q for q in questions
                    if len(client.get_json(f"/api/v1/questions/{q['id']}")["rubric"]["criteria"]) == 4)["id"]
    run = uuid.uuid4().hex[:8]
    answers = answers_for(client, question, args.grades, run)

    started = time.perf_counter()
    with ThreadPoolExecutor(args.concurrency) as pool:
        results = list(pool.map(lambda ia: one(args, question, ia[1], f"faults-{run}-{ia[0]}"), enumerate(answers)))
    elapsed = time.perf_counter() - started

    lost = duplicated = hung = retriable = 0
    modes, endings = collections.Counter(), collections.Counter()
    llm_ms, prompts = [], []
    for r in results:
        logged = client.get_json(f"/api/v1/grades?candidateRef={r['ref']}&size=10")["items"]
        if r["grade"] is None or not any(g["id"] == r["grade"]["id"] for g in logged):
            lost += r["grade"] is not None or not logged
        duplicated += len(logged) > 1
        hung += any(seconds > args.deadline + 1 for _, seconds in r["tries"])
        if r["grade"] is None:
            retriable += 1
            endings[f"http {r['status']}"] += 1
            continue
        g = r["grade"]
        modes[g["mode"]] += 1
        transient = sorted(TRANSIENT.intersection(g["flags"]))
        if g["mode"] == "fallback" and transient:
            retriable += 1
            endings[transient[0]] += 1
        llm_ms.append(g["provenance"]["latencyMs"].get("llm", 0))
        if g["provenance"]["tokens"].get("prompt"):
            prompts.append(g["provenance"]["tokens"]["prompt"])

    calls = collections.Counter(kind for kind, _ in fake.calls)
    walls = sorted(s for r in results for _, s in r["tries"])
    print(f"{args.grades} grades, {args.concurrency} clients, deadline {args.deadline:g} s, "
          f"fake LLM failing {args.fault_rate:.0%} of calls; {elapsed:.0f} s in all")
    print(f"LLM calls: {sum(calls.values())} ({', '.join(f'{k} {v}' for k, v in sorted(calls.items()))})")
    print(f"modes: {dict(modes)}")
    print(f"lost: {lost}")
    print(f"duplicated: {duplicated}")
    print(f"hung beyond deadline + 1 s: {hung} (request time median {statistics.median(walls):.2f} s, "
          f"p95 {walls[int(0.95 * len(walls))]:.2f} s, max {walls[-1]:.2f} s; "
          f"LLM stage max {max(llm_ms, default=0) / 1000:.2f} s)")
    if prompts:
        prompts.sort()
        print(f"prompt tokens (o200k_base, 300-word answers, question {question}): median "
              f"{statistics.median(prompts):.0f}, p95 {prompts[int(0.95 * (len(prompts) - 1))]}, max {prompts[-1]}")
    print(f"ending in a retriable error: {retriable} = {retriable / args.grades:.1%} ({dict(endings)})")


if __name__ == "__main__":
    main()
