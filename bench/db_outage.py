#!/usr/bin/env python3
"""Database outage under load (issue 12): PostgreSQL stopped with `pg_ctl stop -m immediate`
while 4 clients grade, then started again.

Prints: grades acknowledged (201) and how many of them are missing from the grade log afterwards
(lost), every failure that was not a 503 application/problem+json with Retry-After, and the
seconds from the database accepting connections again until the first grade is acknowledged.

Runs against a service started by `bin/assay run` in this checkout (its cluster in .assay/pg/data
is the one stopped; the script restarts it with `bin/assay db start`, honouring ASSAY_DB_PORT).

Usage: bench/db_outage.py [base-url] [--clients 4] [--outage 5] [--before 3] [--after 5]
"""
import argparse
import collections
import json
import os
import pathlib
import subprocess
import threading
import time
import urllib.error
import urllib.request
import uuid

from assay_client import Client, api_key

ROOT = pathlib.Path(__file__).resolve().parent.parent
PGDATA = ROOT / ".assay" / "pg" / "data"
QUESTION = "eval-deterioration-alert-threshold"


def pg_ctl(*args):
    bins = sorted(pathlib.Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: int(p.parts[-3]))
    command = [str(os.environ.get("ASSAY_PG_BIN", bins[-1].parent)) + "/pg_ctl", "-D", str(PGDATA), *args]
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    subprocess.run(command, check=True, capture_output=True)


class Grader(threading.Thread):
    """One client grading fresh answers back to back, recording every outcome."""

    def __init__(self, base, run, n, stop):
        super().__init__(daemon=True)
        self.base, self.ref, self.stop = base, f"bench-outage-{run}-{n}", stop
        self.acknowledged = []  # (time, grade id)
        self.refused = collections.Counter()  # (status, retry-after present, problem+json) -> count
        self.other = []  # failures that were not a 503 problem with Retry-After

    def run(self):
        headers = {"Authorization": "Bearer " + api_key(), "Content-Type": "application/json"}
        while not self.stop.is_set():
            body = {"questionId": QUESTION, "candidateRef": self.ref,
                    "answer": "I would launch on recall within the alert budget and check calibration. "
                    + uuid.uuid4().hex}
            req = urllib.request.Request(self.base + "/api/v1/grades", json.dumps(body).encode(), headers)
            try:
                with urllib.request.urlopen(req, timeout=30) as r:
                    self.acknowledged.append((time.monotonic(), json.loads(r.read())["id"]))
            except urllib.error.HTTPError as e:
                ok = (e.code == 503 and e.headers.get("Retry-After")
                      and e.headers.get("Content-Type", "").startswith("application/problem+json"))
                if ok:
                    self.refused[(e.code, e.headers.get("Retry-After"))] += 1
                else:
                    self.other.append((e.code, e.read().decode()[:200]))
                time.sleep(0.05)  # a real client would honour Retry-After; this one probes fast
            except Exception as e:  # connection failures: the service itself must stay up
                self.other.append(("no-response", repr(e)))
                time.sleep(0.05)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("base", nargs="?", default="http://localhost:8080")
    p.add_argument("--clients", type=int, default=4)
    p.add_argument("--outage", type=float, default=5)
    p.add_argument("--before", type=float, default=3)
    p.add_argument("--after", type=float, default=5)
    a = p.parse_args()
    run, stop = uuid.uuid4().hex[:8], threading.Event()
    graders = [Grader(a.base, run, n, stop) for n in range(a.clients)]
    for g in graders:
        g.start()
    time.sleep(a.before)
    pg_ctl("-m", "immediate", "stop")
    stopped = time.monotonic()
    time.sleep(a.outage)
    subprocess.run([str(ROOT / "bin" / "assay"), "db", "start"], check=True, capture_output=True)
    back = time.monotonic()
    time.sleep(a.after)
    stop.set()
    for g in graders:
        g.join()

    acked = [(t, i) for g in graders for (t, i) in g.acknowledged]
    first_after = min((t for t, _ in acked if t > back), default=None)
    api = Client(a.base)
    lost = []
    for _, grade_id in acked:
        try:
            api.get(f"/api/v1/grades/{grade_id}")
        except urllib.error.HTTPError as e:
            lost.append((grade_id, e.code))
    logged = sum(api.get_json(f"/api/v1/grades?candidateRef={g.ref}&size=1")["total"] for g in graders)
    refused = collections.Counter()
    for g in graders:
        refused.update(g.refused)
    other = [o for g in graders for o in g.other]
    print(f"clients {a.clients}, database down {back - stopped:.1f} s (pg_ctl stop -m immediate ... bin/assay db start)")
    print(f"acknowledged grades: {len(acked)}; lost: {len(lost)} {lost[:5]}")
    print(f"logged under the run's candidates: {logged} (acknowledged {len(acked)};"
          f" logged but unacknowledged {logged - len(acked)})")
    print(f"refused with 503 problem+json and Retry-After: {sum(refused.values())} {dict(refused)}")
    print(f"failures that were not 503 with Retry-After: {len(other)} {other[:5]}")
    print("grading again: " + (f"{first_after - back:.2f} s after the database accepted connections"
                               if first_after else "never (within the observation window)"))


if __name__ == "__main__":
    main()
