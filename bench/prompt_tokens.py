#!/usr/bin/env python3
"""Prompt budget benchmark: input tokens of the grading prompt for 300-word answers.

Starts bench/fake_llm_faults.py's server with no faults, grades ANSWERS 300-word answers (built from the
exemplar texts) to every question whose rubric has 4 criteria, and prints the distribution of the
prompt's input tokens as the service counted them with jtokkit's o200k_base
(provenance.tokens.prompt), overall and per question. Target: p95 <= 1,500.

The service must run in LLM mode against the fake, e.g.:
  ASSAY_LLM_BASE_URL=http://127.0.0.1:18089/v1 bin/assay run
  bench/prompt_tokens.py --service http://localhost:8080
"""
import argparse
import statistics
import uuid

from assay_client import Client
from fake_llm_faults import FakeLlm
from llm_faults import answers_for


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--service", default="http://localhost:8080")
    p.add_argument("--fake-port", type=int, default=18089)
    p.add_argument("--answers", type=int, default=10, help="answers per question")
    args = p.parse_args()

    FakeLlm(args.fake_port, fault_rate=0).start()
    client = Client(args.service)
    run = uuid.uuid4().hex[:8]
    every, per_question = [], {}
    for q in client.get_json("/api/v1/questions?size=200")["items"]:
        if len(client.get_json(f"/api/v1/questions/{q['id']}")["rubric"]["criteria"]) != 4:
            continue
        counts = []
        for i, answer in enumerate(answers_for(client, q["id"], args.answers, run)):
            g = client.post("/api/v1/grades", {"questionId": q["id"], "answer": answer,
                                               "candidateRef": f"tokens-{run}-{q['id']}-{i}"})
            if g["provenance"]["tokens"].get("prompt") is not None:
                counts.append(g["provenance"]["tokens"]["prompt"])
        if counts:
            per_question[q["id"]] = counts
            every += counts
    every.sort()
    print(f"{len(every)} grades of 300-word answers to {len(per_question)} questions with 4 criteria")
    print(f"input tokens (o200k_base): min {every[0]}, median {statistics.median(every):.0f}, "
          f"p95 {every[int(0.95 * (len(every) - 1))]}, max {every[-1]}")
    for qid, counts in sorted(per_question.items()):
        print(f"  {qid}: median {statistics.median(counts):.0f}, max {max(counts)}")


if __name__ == "__main__":
    main()
