#!/usr/bin/env python3
"""Prompt budget benchmark: input tokens of the grading prompt for 300-word answers.

Starts bench/fake_llm_faults.py's server with no faults, grades ANSWERS 300-word answers (built from the
exemplar texts) to every question whose rubric has 4 criteria, and prints the distribution of the
prompt's input tokens as the service counted them with jtokkit's o200k_base
(provenance.tokens.prompt). Target: p95 <= 1,500.

By default it compares prompt versions side by side in one run: for each variant below it starts the
service (bench/serve, port QUARKUS_HTTP_PORT, default 8080) in LLM mode against the fake with that
variant's settings, grades the same answers, stops it, and prints one column per variant:
  v2-before  prompt v2 with the budget it shipped with (2/1/2 exemplars, 70-word texts, 25-word
             rationales): the request before v3
  v2         prompt v2 with today's default budget (what a configuration pinned to v2 now sends)
  v3         prompt v3 with the default budget (the deployment default)
  bench/prompt_tokens.py [--answers 10] [--variants v2-before,v2,v3]

With --service URL it measures a service that is already running in LLM mode against the fake:
  ASSAY_LLM_BASE_URL=http://127.0.0.1:18089/v1 bin/assay run
  bench/prompt_tokens.py --service http://localhost:8080
"""
import argparse
import os
import pathlib
import statistics
import subprocess
import uuid

from assay_client import Client
from fake_llm_faults import FakeLlm
from llm_faults import answers_for

ROOT = pathlib.Path(__file__).resolve().parent.parent
VARIANTS = {
    "v2-before": {"ASSAY_LLM_PROMPT_VERSION": "v2", "ASSAY_LLM_PROMPT_STRONG": "2",
                  "ASSAY_LLM_PROMPT_ACCEPTABLE": "1", "ASSAY_LLM_PROMPT_WEAK": "2",
                  "ASSAY_LLM_PROMPT_EXEMPLAR_WORDS": "70", "ASSAY_LLM_PROMPT_RATIONALE_WORDS": "25"},
    "v2": {"ASSAY_LLM_PROMPT_VERSION": "v2"},
    "v3": {},
}


def measure(client, answers, run):
    """Prompt tokens per 4-criterion question, and the prompt versions the grades name."""
    per_question, versions = {}, set()
    for q in client.get_json("/api/v1/questions?size=200")["items"]:
        if len(client.get_json(f"/api/v1/questions/{q['id']}")["rubric"]["criteria"]) != 4:
            continue
        counts = []
        for i, answer in enumerate(answers_for(client, q["id"], answers, run)):
            g = client.post("/api/v1/grades", {"questionId": q["id"], "answer": answer,
                                               "candidateRef": f"tokens-{run}-{q['id']}-{i}"})
            if g["provenance"]["tokens"].get("prompt") is not None:
                counts.append(g["provenance"]["tokens"]["prompt"])
                versions.add(g["provenance"]["prompt"]["version"])
        if counts:
            per_question[q["id"]] = counts
    return per_question, versions


def summary(per_question):
    every = sorted(c for counts in per_question.values() for c in counts)
    return {"n": len(every), "min": every[0], "p50": statistics.median(every),
            "p95": every[int(0.95 * (len(every) - 1))], "max": every[-1]}


def serve(variant, fake_port, command):
    env = dict(os.environ, ASSAY_LLM_BASE_URL=f"http://127.0.0.1:{fake_port}/v1", **VARIANTS[variant])
    subprocess.run([str(ROOT / "bench" / "serve"), command], env=env, check=True,
                   stdout=subprocess.DEVNULL if command == "start" else None)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--service", help="measure this running service only")
    p.add_argument("--fake-port", type=int, default=18089)
    p.add_argument("--answers", type=int, default=10, help="answers per question")
    p.add_argument("--variants", default="v2-before,v2,v3")
    args = p.parse_args()

    FakeLlm(args.fake_port, fault_rate=0).start()
    run = uuid.uuid4().hex[:8]
    results = {}
    if args.service:
        results["service"] = measure(Client(args.service), args.answers, run)
    else:
        url = f"http://localhost:{os.environ.get('QUARKUS_HTTP_PORT', '8080')}"
        for variant in args.variants.split(","):
            serve(variant, args.fake_port, "start")
            try:
                results[variant] = measure(Client(url), args.answers, run)
            finally:
                serve(variant, args.fake_port, "stop")

    first = next(iter(results.values()))[0]
    print(f"300-word answers to {len(first)} questions with 4 criteria, {args.answers} each; "
          f"input tokens of the grading prompt (o200k_base, provenance.tokens.prompt)")
    print(f"{'':>8}" + "".join(f"{name:>12}" for name in results))
    stats = {name: summary(pq) for name, (pq, _) in results.items()}
    print(f"{'version':>8}" + "".join(f"{','.join(sorted(v)):>12}" for _, v in results.values()))
    for row in ("n", "min", "p50", "p95", "max"):
        print(f"{row:>8}" + "".join(f"{s[row]:>12.0f}" for s in stats.values()))
    print("p50 per question:")
    for qid in sorted(first):
        print(f"  {qid:<48}" + "".join(
            f"{statistics.median(pq[qid]):>8.0f}" for pq, _ in results.values() if qid in pq))


if __name__ == "__main__":
    main()
