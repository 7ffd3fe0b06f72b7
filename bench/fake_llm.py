#!/usr/bin/env python3
"""A local OpenAI-compatible chat endpoint that takes a fixed time per call (standard library only).

It answers every /v1/chat/completions request after DELAY seconds with a grade that passes Assay's
verification: every criterion named in the prompt ("on every criterion: a, b."), an integer score
within the rubric's scale (`<rubric scale="0-N">`, the middle of it), no citations, no reported
manipulation. GET /stats returns the number of calls and the most that were in flight at once.

Usage: bench/fake_llm.py PORT [DELAY seconds, default 2]
"""
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port = int(sys.argv[1])
delay = float(sys.argv[2]) if len(sys.argv) > 2 else 2.0
lock = threading.Lock()
stats = {"calls": 0, "inFlight": 0, "maxInFlight": 0}


def grade(user):
    scale = int(user.split('<rubric scale="0-', 1)[1].split('"', 1)[0])
    line = user[user.rindex("on every criterion: ") + len("on every criterion: "):].strip()
    keys = [k.strip() for k in line.split("\n", 1)[0].rstrip(".").split(",")]
    return {
        "criteria": [{"criterion": k, "score": scale // 2, "rationale": "Graded by the benchmark's fake.",
                      "citations": []} for k in keys],
        "overallRationale": "A benchmark grade from a fake model.",
        "manipulationAttempts": [],
    }


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, code, body):
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        with lock:
            self.reply(200, dict(stats))

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
        with lock:
            stats["calls"] += 1
            stats["inFlight"] += 1
            stats["maxInFlight"] = max(stats["maxInFlight"], stats["inFlight"])
        try:
            time.sleep(delay)
            user = next(m["content"] for m in body["messages"] if m["role"] == "user")
            content = json.dumps(grade(user if isinstance(user, str) else json.dumps(user)))
            self.reply(200, {
                "id": "chatcmpl-bench", "object": "chat.completion", "created": int(time.time()),
                "model": body.get("model", "fake"),
                "choices": [{"index": 0, "message": {"role": "assistant", "content": content},
                             "finish_reason": "stop"}],
                "usage": {"prompt_tokens": 900, "completion_tokens": 120, "total_tokens": 1020},
            })
        finally:
            with lock:
                stats["inFlight"] -= 1


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 2048


Server(("127.0.0.1", port), Handler).serve_forever()
