#!/usr/bin/env python3
"""How truthful candidate feedback is on the gold set, against a running service (bin/assay run).

Not a speed benchmark: it grades every answer of eval-sets/assay-bank-gold.jsonl (207 answers to
the built-in questions, each scored per criterion by its author) with the workspace's active
grader, reads the candidate feedback of each grade, and reports
- the share of criteria listed as strengths that the author scored at least 2 of 4 (issue 9's
  target: at least 95%),
- how many criteria the feedback calls unaddressed, and how many of those the author scored at
  most 1,
- how many feedback sentences contain a strong level descriptor word for word (target: 0 under
  the default settings).

Usage: bench/feedback_gold.py [base-url]   (default http://localhost:8080)
"""
import json
import pathlib
import sys
import uuid
from assay_client import Client

base = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8080"
api = Client(base)

gold = pathlib.Path(__file__).resolve().parent.parent / "eval-sets" / "assay-bank-gold.jsonl"
rows = [json.loads(line) for line in gold.read_text().splitlines() if line.strip()]
strong = {}
for qid in {r["question_id"] for r in rows}:
    for c in api.get_json("/api/v1/questions/" + qid)["rubric"]["criteria"]:
        strong[(qid, c["key"])] = c["levels"]["strong"].strip().rstrip(".").lower()

listed = fair = unaddressed = unaddressed_fair = verbatim = 0
for r in rows:
    # A unique suffix, so the dedup cache never answers for the grader.
    grade = api.post("/api/v1/grades", {"questionId": r["question_id"], "answer": r["answer"] + " " + uuid.uuid4().hex[:8]})
    feedback = api.get_json("/api/v1/grades/%s/feedback" % grade["id"])
    for c in feedback["criteria"]:
        author = r["criterion_scores"][c["criterion"]]
        if c["strengths"]:
            listed += 1
            fair += author >= 2
        if any(g.startswith("Your answer did not address") for g in c["gaps"]):
            unaddressed += 1
            unaddressed_fair += author <= 1
        for sentence in c["strengths"] + c["gaps"] + c["nextSteps"]:
            verbatim += any(d in sentence.lower() for (q, _), d in strong.items() if q == r["question_id"])

print(f"answers {len(rows)}")
print(f"criteria listed as strengths {listed}; author scored >= 2: {fair} ({100 * fair / max(1, listed):.1f}%)")
print(f"criteria called unaddressed {unaddressed}; author scored <= 1: {unaddressed_fair}")
print(f"sentences quoting a strong descriptor verbatim: {verbatim}")
