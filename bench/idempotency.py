#!/usr/bin/env python3
"""Single flight under one Idempotency-Key (issue 12): N requests (default 20) with one new key
sent at the same moment. Prints the statuses, how many grades were logged, how many times the
grading pipeline ran (the service's assay_grading_runs_total) and how many LLM calls were made.

LLM calls are counted by a fake OpenAI-compatible server this script serves (standard library,
answering a valid grade after a delay so the requests overlap). With --start-service the script
also starts the service (`bin/assay run`) pointed at that fake LLM and stops it afterwards;
otherwise point a running service's ASSAY_LLM_BASE_URL at http://127.0.0.1:<--llm-port>/v1, or run
it offline (LLM calls are then 0 by construction).

Usage: bench/idempotency.py [base-url] [--requests 20] [--llm-port 18093] [--start-service]
"""
import argparse
import http.server
import json
import os
import pathlib
import re
import subprocess
import threading
import time
import urllib.error
import urllib.request
import uuid

from assay_client import Client, api_key

ROOT = pathlib.Path(__file__).resolve().parent.parent
QUESTION = "eval-deterioration-alert-threshold"
QUOTE = "I would pick the threshold on a later held-out period."


class FakeLlm(http.server.BaseHTTPRequestHandler):
    calls = 0
    lock = threading.Lock()
    criteria = []

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with FakeLlm.lock:
            FakeLlm.calls += 1
        time.sleep(0.5)
        grade = {"criteria": [{"criterion": k, "score": 2, "rationale": f"Reasoned about {k}.",
                               "citations": [{"exemplarId": None, "quote": QUOTE}]} for k in FakeLlm.criteria],
                 "overallRationale": "Solid on metric choice.", "manipulationAttempts": []}
        body = json.dumps({"id": "chatcmpl-bench", "object": "chat.completion", "created": 1, "model": "fake",
                           "choices": [{"index": 0, "finish_reason": "stop",
                                        "message": {"role": "assistant", "content": json.dumps(grade)}}],
                           "usage": {"prompt_tokens": 800, "completion_tokens": 140, "total_tokens": 940}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def pipeline_runs(api):
    m = re.search(r"(?m)^assay_grading_runs_total(?:\{[^}]*\})? ([0-9.eE+]+)$", api.get("/q/metrics"))
    return float(m.group(1)) if m else 0.0


def start_service(base, llm_port):
    env = dict(os.environ, ASSAY_LLM_BASE_URL=f"http://127.0.0.1:{llm_port}/v1", ASSAY_LLM_MODEL="fake",
               QUARKUS_HTTP_PORT=base.rsplit(":", 1)[1].split("/")[0])
    service = subprocess.Popen([str(ROOT / "bin" / "assay"), "run"], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    for _ in range(600):
        try:
            with urllib.request.urlopen(base + "/q/health/ready", timeout=2):
                return service
        except Exception:
            time.sleep(0.5)
    raise SystemExit("the service did not become ready")


def send_at_once(base, key, body, n):
    barrier, results = threading.Barrier(n), [None] * n
    headers = {"Authorization": "Bearer " + api_key(), "Content-Type": "application/json", "Idempotency-Key": key}

    def one(i):
        barrier.wait()
        req = urllib.request.Request(base + "/api/v1/grades", json.dumps(body).encode(), headers)
        try:
            with urllib.request.urlopen(req, timeout=120) as r:
                results[i] = (r.status, r.headers.get("Idempotent-Replayed"), r.read().decode())
        except urllib.error.HTTPError as e:
            results[i] = (e.code, None, e.read().decode())

    threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def main():
    p = argparse.ArgumentParser()
    p.add_argument("base", nargs="?", default="http://localhost:8080")
    p.add_argument("--requests", type=int, default=20)
    p.add_argument("--llm-port", type=int, default=18093)
    p.add_argument("--start-service", action="store_true")
    a = p.parse_args()
    llm = http.server.ThreadingHTTPServer(("127.0.0.1", a.llm_port), FakeLlm)
    threading.Thread(target=llm.serve_forever, daemon=True).start()
    service = start_service(a.base, a.llm_port) if a.start_service else None
    try:
        api = Client(a.base)
        FakeLlm.criteria = [c["key"] for c in api.get_json(f"/api/v1/questions/{QUESTION}")["rubric"]["criteria"]]
        run = uuid.uuid4().hex[:8]
        body = {"questionId": QUESTION, "candidateRef": f"bench-idem-{run}",
                "answer": f"Accuracy misleads at 4% prevalence; I would launch on recall. {QUOTE} Run {run}."}
        runs_before, calls_before = pipeline_runs(api), FakeLlm.calls
        results = send_at_once(a.base, str(uuid.uuid4()), body, a.requests)
        grades = api.get_json(f"/api/v1/grades?candidateRef=bench-idem-{run}&size=1")["total"]
        statuses = {}
        for status, _, _ in results:
            statuses[status] = statuses.get(status, 0) + 1
        mode = {json.loads(b).get("mode") for s, _, b in results if s == 201}
        print(f"{a.requests} concurrent requests with one Idempotency-Key: statuses {statuses},"
              f" replays {sum(1 for _, r, _ in results if r == 'true')}, distinct bodies {len({b for *_, b in results})},"
              f" mode {sorted(m for m in mode if m)}")
        print(f"grades logged: {grades}; pipeline runs: {pipeline_runs(api) - runs_before:.0f};"
              f" LLM calls: {FakeLlm.calls - calls_before}")
    finally:
        if service:
            os.killpg(service.pid, 15)
            service.wait()
        llm.shutdown()


if __name__ == "__main__":
    main()
