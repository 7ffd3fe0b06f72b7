#!/usr/bin/env python3
"""1,000 grading requests in flight against a fake LLM that takes 2 s per call.

Starts bench/fake_llm.py on FAKE_PORT and the service (bench/serve, with ASSAY_LLM_BASE_URL pointing
at the fake, so the deployment default grades by LLM), measures the embedding-only ceiling on the
same answers (retrieve endpoint, 32 clients), then sends N grade requests with N clients at once.
While they run it samples the database connections of the service (pg_stat_activity: all, and
`idle in transaction`, which would be a transaction held across the LLM wait), the JVM heap in use
(/q/metrics) and the process RSS, and the service's CPU time per request in each phase. Prints success count, modes, throughput against
min(N / delay, ceiling), the maxima sampled, and the fake's most calls in flight at once.

Usage: bench/llm_inflight.py [N=1000] [delay=2] [fake-port=18431]
Environment: QUARKUS_HTTP_PORT (default 8080), ASSAY_DB_PORT (default 55432), ASSAY_JAVA_OPTS.
Bounded: each phase stops after 600 s.
"""
import glob
import json
import os
import subprocess
import sys
import threading
import time
import urllib.request
import uuid

import load

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
delay = float(sys.argv[2]) if len(sys.argv) > 2 else 2.0
fake_port = int(sys.argv[3]) if len(sys.argv) > 3 else 18431
port = int(os.environ.get("QUARKUS_HTTP_PORT", "8080"))
base = f"http://127.0.0.1:{port}"
psql = sorted(glob.glob("/usr/lib/postgresql/*/bin/psql"))[-1]
db_port = os.environ.get("ASSAY_DB_PORT", "55432")


def db_connections():
    # Connections; those idle inside a transaction; and the longest such wait in ms. A transaction of
    # several statements is "idle in transaction" for a moment between them; one held across the
    # LLM call would stay so for the call's whole delay.
    sql = ("SELECT count(*) || ' ' || count(*) FILTER (WHERE state = 'idle in transaction') || ' ' || "
           "coalesce(round(max(extract(epoch FROM now() - state_change) * 1000) "
           "FILTER (WHERE state = 'idle in transaction')), 0) FROM pg_stat_activity "
           "WHERE datname = 'assay' AND pid <> pg_backend_pid() AND backend_type = 'client backend'")
    out = subprocess.run(["runuser", "-u", "postgres", "--", psql, "-h", "127.0.0.1", "-p", db_port, "-U", "assay",
                          "-d", "assay", "-tAc", sql] if os.geteuid() == 0 else
                         [psql, "-h", "127.0.0.1", "-p", db_port, "-U", "assay", "-d", "assay", "-tAc", sql],
                         capture_output=True, text=True, timeout=10).stdout.split()
    return (int(out[0]), int(out[1]), int(out[2])) if len(out) == 3 else (0, 0, 0)


def main():
    fake = subprocess.Popen([sys.executable, str(load.ROOT / "bench" / "fake_llm.py"), str(fake_port), str(delay)])
    env = dict(os.environ, ASSAY_LLM_BASE_URL=f"http://127.0.0.1:{fake_port}/v1", ASSAY_LLM_API_KEY="bench")
    serve = str(load.ROOT / "bench" / "serve")
    try:
        pid = int(subprocess.run([serve, "start"], env=env, capture_output=True, text=True, check=True).stdout.split()[-1])
        key, rows, run_id = load.api_key(), load.gold_rows(), uuid.uuid4().hex[:8]
        items = [(rows[i % len(rows)]["question_id"], f"{rows[i % len(rows)]['answer']} (inflight {run_id} {i})")
                 for i in range(n)]
        print(f"load average before: {load.load_avg()}")
        cpu0 = load.process_cpu_ms(pid)
        ceiling = load.run(base, key, [(f"/api/v1/questions/{q}/retrieve", {"answer": a, "k": 3})
                                       for q, a in items[:300]], 32, 600)
        retrieve_cpu = (load.process_cpu_ms(pid) - cpu0) / max(1, ceiling.ok)
        print("embedding ceiling, " + ceiling.line("retrieve 32 clients") +
              f", service CPU {retrieve_cpu:.0f} ms/request")
        samples = {"db": [], "idle_tx": [], "idle_tx_ms": [], "heap": [], "rss": []}
        done = threading.Event()

        def sample():
            while not done.is_set():
                try:
                    c, idle, idle_ms = db_connections()
                    samples["db"].append(c)
                    samples["idle_tx"].append(idle)
                    samples["idle_tx_ms"].append(idle_ms)
                    samples["heap"].append(load.heap_mib(base))
                    samples["rss"].append(load.rss_mib(pid))
                except Exception:
                    pass
                done.wait(0.5)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        reqs = [("/api/v1/grades", {"questionId": q, "answer": a, "candidateRef": f"inflight-{run_id}-{i}"})
                for i, (q, a) in enumerate(items)]
        cpu0 = load.process_cpu_ms(pid)
        r = load.run(base, key, reqs, n, 600, timeout=600, keep_bodies=True)
        grade_cpu = (load.process_cpu_ms(pid) - cpu0) / max(1, r.ok)
        done.set()
        sampler.join()
        modes = {}
        for b in r.bodies:
            m = json.loads(b)["mode"]
            modes[m] = modes.get(m, 0) + 1
        with urllib.request.urlopen(f"http://127.0.0.1:{fake_port}/stats") as s:
            fake_stats = json.load(s)
        target = min(n / delay, ceiling.throughput)
        print(r.line(f"grade {n} in flight") + f", service CPU {grade_cpu:.0f} ms/request")
        # Grading is CPU-bound when the ceiling scaled by the CPU ratio is below n / delay.
        print(f"CPU per grade / CPU per retrieve = {grade_cpu / max(1e-9, retrieve_cpu):.2f}: "
              f"a CPU-bound ceiling for grades of {ceiling.throughput * retrieve_cpu / max(1e-9, grade_cpu):.1f}/s")
        print(f"load average after: {load.load_avg()}")
        print(f"RESULT llm-inflight n={n} delay={delay}s: {r.ok}/{n} succeeded, modes {modes}; "
              f"throughput {r.throughput:.1f}/s vs min({n}/{delay:g} s, ceiling {ceiling.throughput:.1f}/s) = "
              f"{target:.1f}/s, ratio {r.throughput / target:.2f}; max DB connections {max(samples['db'], default=0)}, "
              f"max idle in transaction {max(samples['idle_tx'], default=0)} "
              f"(longest {max(samples['idle_tx_ms'], default=0)} ms); heap max {max(samples['heap'], default=0):.0f} MiB, "
              f"RSS max {max(samples['rss'], default=0):.0f} MiB; fake LLM calls {fake_stats['calls']}, "
              f"max in flight {fake_stats['maxInFlight']}")
    finally:
        subprocess.run([serve, "stop"])
        fake.terminate()


main()
