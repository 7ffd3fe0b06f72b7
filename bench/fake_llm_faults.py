#!/usr/bin/env python3
"""A local OpenAI-compatible fake LLM for the LLM benchmarks (standard library only).

It answers /v1/chat/completions with a grade that passes Assay's verification: one entry per
criterion key enumerated in the request's JSON schema, quoting the first words of the candidate
answer. With a fault rate it fails that share of calls, evenly across the kinds below, and logs
every call (kind, prompt) so a benchmark can count and inspect them.

Usage as a server:  bench/fake_llm.py [port] [fault-rate] [latency-ms]   (default 18089 0.3 50)
"""
import http.server
import json
import random
import re
import socket
import sys
import threading
import time

FAULTS = ["http500", "http429", "reset", "stall", "trickle", "malformed"]


class FakeLlm:
    def __init__(self, port, fault_rate=0.3, latency_ms=50, stall_s=60, trickle_s=30, seed=12):
        self.port, self.fault_rate, self.latency = port, fault_rate, latency_ms / 1000
        self.stall_s, self.trickle_s = stall_s, trickle_s
        self.random = random.Random(seed)
        self.lock = threading.Lock()
        self.calls = []  # (kind, request body) per call
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", port), self._handler())
        self.server.daemon_threads = True

    def start(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def choose(self):
        with self.lock:
            r = self.random.random()
        if r < self.fault_rate:
            return FAULTS[int(r / self.fault_rate * len(FAULTS)) % len(FAULTS)]
        return "ok"

    def _handler(self):
        fake = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                kind = fake.choose()
                with fake.lock:
                    fake.calls.append((kind, body))
                time.sleep(fake.latency)
                if kind == "http500":
                    return self.send(500, b'{"error":{"message":"boom"}}')
                if kind == "http429":
                    return self.send(429, b'{"error":{"message":"slow down"}}', {"Retry-After": "1"})
                if kind == "reset":
                    self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
                    self.connection.close()
                    return
                if kind == "stall":
                    time.sleep(fake.stall_s)
                    return self.send(500, b"{}")
                content = "{\"criteria\": [" if kind == "malformed" else json.dumps(grade(body))
                payload = json.dumps(completion(content)).encode()
                if kind == "trickle":
                    return self.trickle(payload)
                self.send(200, payload)

            def send(self, status, payload, headers=None):
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    for k, v in (headers or {}).items():
                        self.send_header(k, v)
                    self.end_headers()
                    self.wfile.write(payload)
                except OSError:
                    pass

            def trickle(self, payload):
                """Headers at once, then the body a few bytes at a time over trickle_s seconds."""
                try:
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    step = max(1, len(payload) // 100)
                    for i in range(0, len(payload), step):
                        self.wfile.write(payload[i:i + step])
                        self.wfile.flush()
                        time.sleep(fake.trickle_s / 100)
                except OSError:
                    pass

        return Handler


def grade(request):
    """A reply that passes verification: every enumerated criterion, a quote from the answer."""
    schema = request["response_format"]["json_schema"]["schema"]
    keys = schema["properties"]["criteria"]["items"]["properties"]["criterion"]["enum"]
    user = request["messages"][1]["content"]
    literal = user.split("<candidate_answer>\n", 1)[1].split("\n</candidate_answer>", 1)[0]
    answer = json.loads(literal)
    # Up to eight words as they stand in the answer, so the quote is verbatim.
    quote = re.search(r"\S+(?:\s+\S+){0,7}", answer).group(0)
    return {
        "criteria": [{"criterion": k, "score": 2, "rationale": f"Covers {k} in part.",
                      "citations": [{"exemplarId": None, "quote": quote}]} for k in keys],
        "overallRationale": "A partial answer.",
        "manipulationAttempts": [],
    }


def completion(content):
    return {"id": "chatcmpl-fake", "object": "chat.completion", "created": 1700000000,
            "model": "fake", "choices": [{"index": 0, "message": {"role": "assistant", "content": content},
                                          "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 900, "completion_tokens": 150, "total_tokens": 1050}}


def prompt_text(request):
    return "\n".join(m["content"] for m in request["messages"])


if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 18089
    rate = float(sys.argv[2]) if len(sys.argv) > 2 else 0.3
    latency = int(sys.argv[3]) if len(sys.argv) > 3 else 50
    FakeLlm(port, rate, latency).start()
    print(f"fake LLM on http://127.0.0.1:{port}/v1, fault rate {rate}", flush=True)
    threading.Event().wait()
