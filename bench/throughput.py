#!/usr/bin/env python3
"""Offline grading throughput under concurrency against the embedding-only ceiling, in one run.

For each client count (default 8 and 32) it sends the same gold-set answers to the retrieve endpoint
(embed the answer + exact per-question exemplar lookup: the work no grade can avoid) and to the
grade endpoint, in the order retrieve, grade, grade, retrieve, so both see the same machine load;
every grade's answer ends in a fresh token so no grade is reused. Prints each phase's throughput,
p50 and p99, and per client count the ratio grade / retrieve throughput (target >= 0.80) and the
grade p99 / p50 (target <= 3).

Usage: bench/throughput.py [base-url] [answers-per-phase] [clients,...] [service-pid]
       (defaults http://127.0.0.1:8080, 207, 8,32; each phase stops after 120 s at most)
With the service's pid it also prints the service's CPU time per request of each phase (from
/proc), which does not depend on how busy the rest of the machine is, and its RSS at the end. The
heap in use is sampled every second (/q/metrics) and its maximum printed beside the heap's cap.
Needs a service started with ASSAY_RATE_LIMIT_GRADES_PER_MINUTE and
ASSAY_RATE_LIMIT_REQUESTS_PER_MINUTE raised (bench/serve does this).
"""
import itertools
import statistics
import sys
import uuid

import load

base = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080"
per_phase = int(sys.argv[2]) if len(sys.argv) > 2 else 207
client_counts = [int(c) for c in (sys.argv[3] if len(sys.argv) > 3 else "8,32").split(",")]
pid = int(sys.argv[4]) if len(sys.argv) > 4 else None
key = load.api_key()
rows = load.gold_rows()
run_id = uuid.uuid4().hex[:8]
phases = itertools.count(1)


def answers(n, tag):
    """The gold-set answers, each made unique by a number in brackets: digits only, so the marker
    is no sentence of words the question does not use (which the offline grader's off-topic guard
    would grade a second time without, as it does for 1-5% of real answers, not for every one)."""
    out = []
    phase = next(phases)
    stamp = uuid.uuid4().int % 10**8
    for i in range(n):
        row = rows[i % len(rows)]
        out.append((row["question_id"], f"{row['answer']} ({stamp:08d}{phase:02d}{i:05d})"))
    return out


def retrieve_requests(items):
    return [(f"/api/v1/questions/{q}/retrieve", {"answer": a, "k": 3}) for q, a in items]


def grade_requests(items, tag):
    return [("/api/v1/grades", {"questionId": q, "answer": a, "candidateRef": f"bench-{tag}-{run_id}-{i}"})
            for i, (q, a) in enumerate(items)]


def main():
    print(f"load average before: {load.load_avg()}; {per_phase} answers per phase")
    heap = load.HeapSampler(base)
    heap.start()
    warm = answers(min(40, per_phase), "warm")
    load.run(base, key, retrieve_requests(warm), 4, 60)
    load.run(base, key, grade_requests(warm, "warm"), 4, 60)
    summary = []
    for clients in client_counts:
        phases = {"retrieve": [], "grade": []}
        for n, phase in enumerate(("retrieve", "grade", "grade", "retrieve")):
            # Each phase's answers are new texts: a grade of a text seen before would be reused.
            tag = f"c{clients}-{n}"
            items = answers(per_phase, tag)
            reqs = retrieve_requests(items) if phase == "retrieve" else grade_requests(items, tag)
            cpu0 = load.process_cpu_ms(pid)
            r = load.run(base, key, reqs, clients, 120)
            cpu = "" if pid is None else f", service CPU {(load.process_cpu_ms(pid) - cpu0) / max(1, r.ok):.0f} ms/request"
            print(f"  {clients} clients, " + r.line(phase) + cpu)
            phases[phase].append(r)
        ceiling = statistics.mean(r.throughput for r in phases["retrieve"])
        graded = statistics.mean(r.throughput for r in phases["grade"])
        lat = sorted(x for r in phases["grade"] for x in r.latencies)
        p50, p99 = statistics.median(lat), lat[min(len(lat) - 1, int(0.99 * len(lat)))]
        rlat = sorted(x for r in phases["retrieve"] for x in r.latencies)
        summary.append((clients, graded, ceiling, p50, p99, statistics.median(rlat)))
    print(f"load average after: {load.load_avg()}")
    heap.running = False
    rss = "" if pid is None else f", RSS at the end {load.rss_mib(pid):.0f} MiB"
    print(f"RESULT heap: at most {heap.most:.0f} MiB in use (sampled every second) under a cap of"
          f" {load.heap_mib(base, 'jvm_memory_max_bytes'):.0f} MiB{rss}")
    for clients, graded, ceiling, p50, p99, rp50 in summary:
        print(f"RESULT throughput clients={clients}: grade {graded:.1f}/s, retrieve {ceiling:.1f}/s, "
              f"ratio {graded / ceiling:.2f}; grade p50 {p50:.0f} ms p99 {p99:.0f} ms "
              f"(p99/p50 {p99 / p50:.2f}); retrieve p50 {rp50:.0f} ms")


main()
