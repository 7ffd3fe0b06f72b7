#!/usr/bin/env python3
"""The GEN=real bank of bench/bank_scale.sh, and the geometry that justifies it.

bench/bank_scale.sh's default generator (GEN=iso) puts a question's exemplars at a random centre
plus isotropic noise in 384 dimensions: every exemplar is then about equally far from every other
of its question, so "the 10 nearest" is an order among near-ties. Real answer embeddings are not
like that: they lie on few directions (low intrinsic dimension) at graded distances. This generator
builds the synthetic bank from real answer vectors instead (bench/bank_real_vectors.npz: the
service's model, bge-small-en-v1.5-q, over the repository's answers; see `texts` below):

  - each synthetic question takes the answers of one real question with at least half as many
    answers as exemplars per question (the SAF subset's 10 at 100 per question; chosen in proportion
    to the answer count) under its own random signed
    permutation of the 384 coordinates. That map is orthogonal: the distances among the question's
    exemplars are exactly the real ones, while different synthetic questions point in independent
    directions (a bank of 10,000 questions has more than 33 topics);
  - a real question with more answers than exemplars per question gives a random subset; one with
    fewer is topped up with points between two of its real answers (a + t (b - a), t uniform in
    [0, 0.5], normalised): they stay in the span of the real answers (no isotropic noise, which would
    bring back the near-ties) at distances graded like the real ones.

Subcommands:
  copy N Q     the bank as a PostgreSQL binary COPY stream of exemplar(id, question_id, label,
               active, embedding) on stdout, rows in the order and with the question and label of
               bank_scale.sh's SQL generator (id e, question 1 + e % Q, label by (e / Q) % 3)
  geometry     statistics of real vs GEN=iso vs GEN=real vectors (the table in docs/performance.md)
  texts        the answer texts behind bank_real_vectors.npz, as "source TAB group TAB base64" lines:
                 bench/bank_scale_real.py texts | java -cp "target/quarkus-app/app/*:target/quarkus-app/lib/main/*:target/quarkus-app/lib/boot/*" bench/EmbedTexts.java | bench/bank_scale_real.py save
  save         reads EmbedTexts' output on stdin, writes bench/bank_real_vectors.npz
Needs numpy.
"""
import base64
import glob
import json
import os
import struct
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DATA = os.path.join(HERE, "bank_real_vectors.npz")
LABELS = ("strong", "acceptable", "weak")  # bank_scale.sh's SQL generator's order


def texts():
    """SAF subset (answers and reference answer per question), gold set answers and the built-in
    bank's exemplars (grouped with the gold answers of the same question); exact duplicates within a
    question dropped (a bank keeps one copy of a text)."""
    import yaml  # only for this subcommand

    rows = []

    def add(source, group, text):
        text = (text or "").strip()
        if text:
            rows.append((source, group, text))

    for line in open(os.path.join(ROOT, "eval-sets/saf-subset.jsonl"), encoding="utf-8"):
        r = json.loads(line)
        add("saf", "saf:" + r["question_id"], r["answer"])
        add("saf", "saf:" + r["question_id"], r["reference_answer"])
    for line in open(os.path.join(ROOT, "eval-sets/assay-bank-gold.jsonl"), encoding="utf-8"):
        r = json.loads(line)
        add("gold", "bank:" + r["question_id"], r["answer"])
    for f in sorted(glob.glob(os.path.join(ROOT, "src/main/resources/bank/questions/*.yaml"))):
        for q in yaml.safe_load(open(f, encoding="utf-8"))["questions"]:
            for e in q.get("exemplars", []):
                add("bank", "bank:" + q["id"], e["text"])
    seen = set()
    for source, group, text in rows:
        if (group, text) not in seen:
            seen.add((group, text))
            print(source, group, base64.b64encode(text.encode()).decode(), sep="\t")


def save():
    sources, groups, vectors = [], [], []
    for line in sys.stdin:
        source, group, v = line.rstrip("\n").split("\t")
        sources.append(source)
        groups.append(group)
        vectors.append(np.array(v.split(" "), dtype=np.float32))
    np.savez_compressed(DATA, vectors=np.stack(vectors), group=np.array(groups), source=np.array(sources))


def load():
    d = np.load(DATA)
    return d["vectors"], d["group"], d["source"]


def unit(x):
    return x / np.linalg.norm(x, axis=-1, keepdims=True)


class RealBank:
    """Which real vectors (or top-ups) make each synthetic question's exemplars, and its map."""

    def __init__(self, q_count, per_question, shared=True, seed=42):
        vectors, group, _ = load()
        self.real = vectors.astype(np.float32)
        names, inverse = np.unique(group, return_inverse=True)
        members = [np.flatnonzero(inverse == g) for g in range(len(names))]
        sizes = np.array([len(m) for m in members], dtype=float)
        # Only real questions with at least half the exemplars per question: filling 85 of 100 from
        # a 15-answer question packs the top-ups far closer than real answers lie (measured by
        # `geometry`: nearest neighbour 0.004 against 0.08-0.11 for real answers).
        sizes[sizes < per_question / 2] = 0
        rng = np.random.default_rng(seed)
        self.source = rng.choice(len(names), size=q_count, p=sizes / sizes.sum())
        dim = vectors.shape[1]
        self.perm = np.stack([rng.permutation(dim) for _ in range(q_count)]).astype(np.int32)
        self.sign = rng.choice(np.array([-1.0, 1.0], dtype=np.float32), size=(q_count, dim))
        # shared: real answers of every question share one direction (their mean, length 0.78: two
        # answers to different real questions have cosine 0.60 in the median, 0.52-0.68 p10-p90).
        # A signed permutation alone makes synthetic questions orthogonal (cosine 0 across
        # questions), so each question's map is followed by the reflection that takes the permuted
        # shared direction back to itself: still orthogonal (distances within a question stay the
        # real ones), and answers to different synthetic questions meet at the real cosine level.
        self.reflect = None
        if shared:
            u = unit(vectors.mean(axis=0).astype(np.float32))
            self.reflect = unit(u[self.perm] * self.sign - u)  # Householder vector per question
        # Exemplar j of question q: real vector a[q, j] moved t[q, j] of the way to real vector b[q, j]
        # (t = 0 for the real answers themselves).
        self.a = np.zeros((q_count, per_question), dtype=np.int32)
        self.b = np.zeros((q_count, per_question), dtype=np.int32)
        self.t = np.zeros((q_count, per_question), dtype=np.float32)
        self.topped_up = 0
        for q in range(q_count):
            m = members[self.source[q]]
            if len(m) >= per_question:
                a = rng.choice(m, size=per_question, replace=False)
                b, t = a, np.zeros(per_question)
            else:
                extra = per_question - len(m)
                self.topped_up += extra
                pairs = np.array([rng.choice(m, size=2, replace=False) for _ in range(extra)])
                a = np.concatenate([m, pairs[:, 0]])
                b = np.concatenate([m, pairs[:, 1]])
                t = np.concatenate([np.zeros(len(m)), rng.uniform(0, 0.5, size=extra)])
                order = rng.permutation(per_question)  # labels follow j: do not give the real ones the first
                a, b, t = a[order], b[order], t[order]
            self.a[q], self.b[q], self.t[q] = a, b, t

    def vectors(self, questions, j):
        """Exemplar j of each of `questions` (0-based), as unit float32 rows."""
        a = self.real[self.a[questions, j]]
        b = self.real[self.b[questions, j]]
        v = unit(a + self.t[questions, j, None] * (b - a))
        v = np.take_along_axis(v, self.perm[questions], axis=1) * self.sign[questions]
        if self.reflect is not None:
            w = self.reflect[questions]
            v = v - 2 * w * np.einsum("ij,ij->i", w, v)[:, None]
        return v


def copy(n, q_count, shared):
    per_question = -(-n // q_count)
    bank = RealBank(q_count, per_question, shared)
    print(f"GEN=real: {q_count} questions from {len(np.unique(bank.source))} real ones; "
          f"{bank.topped_up} of {q_count * per_question} exemplars topped up", file=sys.stderr)
    out = sys.stdout.buffer
    out.write(b"PGCOPY\n\xff\r\n\x00" + struct.pack(">ii", 0, 0))
    dim = bank.real.shape[1]
    # Rows go out in blocks of Q consecutive ids: within a block every question appears once and the
    # label is constant, so each block is one fixed-width numpy record array.
    for j in range(per_question):
        ids = np.arange(j * q_count, min(n, (j + 1) * q_count), dtype=np.int64)
        if len(ids) == 0:
            break
        qs = (ids % q_count).astype(np.int64)
        label = LABELS[j % 3].encode()
        rec = np.dtype([
            ("fields", ">i2"),
            ("id_len", ">i4"), ("id", ">i8"),
            ("q_len", ">i4"), ("q", ">i8"),
            ("label_len", ">i4"), ("label", f"S{len(label)}"),
            ("active_len", ">i4"), ("active", "u1"),
            ("vec_len", ">i4"), ("vec_dim", ">i2"), ("vec_unused", ">i2"), ("vec", ">f4", (dim,)),
        ])
        rows = np.zeros(len(ids), dtype=rec)
        rows["fields"] = 5
        rows["id_len"], rows["id"] = 8, ids
        rows["q_len"], rows["q"] = 8, qs + 1
        rows["label_len"], rows["label"] = len(label), label
        rows["active_len"], rows["active"] = 1, 1
        rows["vec_len"], rows["vec_dim"] = 4 + 4 * dim, dim
        rows["vec"] = bank.vectors(qs, j)
        out.write(rows.tobytes())
    out.write(struct.pack(">h", -1))
    out.flush()


def iso(n, q_count, seed=42):
    """bank_scale.sh's GEN=iso generator, the same formula in numpy (another random stream)."""
    rng = np.random.default_rng(seed)
    centre = (rng.random((q_count, 384)) - 0.5).astype(np.float32)
    noise = (0.5 * (rng.random((4000, 384)) - 0.5)).astype(np.float32)
    e = np.arange(n)
    v = unit(centre[e % q_count] + noise[(e * 7919) % 4000] - noise[(e // 4000 + e * 104729) % 4000])
    return v, e % q_count


def stats(name, v, group, pca_n):
    """One row of the geometry table. Distances are cosine distances (1 - cosine) of unit vectors.
    The near-tie measure is the bench's: ranking the whole bank from an exemplar (itself first),
    the relative gap (d11 - d10) / d10 between the 10th and the 11th."""
    v = unit(v.astype(np.float32))
    names, g = np.unique(group, return_inverse=True)
    centroid = np.stack([unit(v[g == k].mean(axis=0)) for k in range(len(names))])
    to_centroid = np.einsum("ij,ij->i", v, centroid[g])
    ranked = np.empty((len(v), 21), dtype=np.float32)
    own = np.empty(len(v))
    for lo in range(0, len(v), 2000):
        d = 1 - v[lo:lo + 2000] @ v.T
        idx = np.argpartition(d, 21, axis=1)[:, :21]
        dd = np.take_along_axis(d, idx, axis=1)
        order = np.argsort(dd, axis=1)
        ranked[lo:lo + 2000] = np.take_along_axis(dd, order, axis=1)
        top10 = np.take_along_axis(idx, order, axis=1)[:, :10]
        own[lo:lo + 2000] = (g[top10] == g[lo:lo + 2000, None]).mean(axis=1)
    ranked = np.maximum(ranked, 0)
    # Across questions: cosine of two exemplars of different questions (a sample of pairs), of two
    # questions' centroids.
    i, j = np.random.default_rng(1).integers(0, len(v), size=(2, 20000))
    other = g[i] != g[j]
    cross = np.einsum("ij,ij->i", v[i[other]], v[j[other]])
    cc = centroid @ centroid.T
    cc = cc[np.triu_indices(len(names), 1)]
    gap = (ranked[:, 10] - ranked[:, 9]) / np.maximum(ranked[:, 9], 1e-9)
    # PCA per question on pca_n answers (the count of components depends on the sample size, so
    # every set is measured on the same count): components holding 90% of the variance.
    rng = np.random.default_rng(0)
    comps = []
    for k in range(len(names)):
        m = np.flatnonzero(g == k)
        if len(m) < pca_n:
            continue
        x = v[rng.choice(m, size=pca_n, replace=False)]
        s = np.linalg.svd(x - x.mean(axis=0), compute_uv=False) ** 2
        comps.append(int(np.searchsorted(np.cumsum(s) / s.sum(), 0.9) + 1))
    # The same over the whole set, on 300 exemplars (real answers of one domain share directions;
    # synthetic questions under independent maps do not).
    x = v[rng.choice(len(v), size=300, replace=False)]
    s = np.linalg.svd(x - x.mean(axis=0), compute_uv=False) ** 2
    overall = int(np.searchsorted(np.cumsum(s) / s.sum(), 0.9) + 1)
    return (f"| {name} | {len(v):,} / {len(names)} | {np.median(to_centroid):.3f} "
            f"({np.percentile(to_centroid, 10):.3f}-{np.percentile(to_centroid, 90):.3f}) | "
            + " / ".join(f"{np.median(ranked[:, k]):.3f}" for k in (1, 2, 5, 9, 10, 19)) + " | "
            f"{np.median(gap):.4f} ({np.percentile(gap, 10):.4f}-{np.percentile(gap, 90):.4f}) | "
            f"{own.mean():.2f} | {np.median(comps) if comps else '-'} ({len(comps)} questions) | {overall} | "
            f"{np.median(cross):.2f} ({np.percentile(cross, 10):.2f}-{np.percentile(cross, 90):.2f}) | "
            f"{np.median(cc):.2f} ({np.percentile(cc, 10):.2f}-{np.percentile(cc, 90):.2f}) |")


def geometry():
    vectors, group, source = load()
    q_count, per_question, pca_n = 200, 100, 70
    print(f"PCA on {pca_n} answers of each question with at least {pca_n}; distances are the medians "
          "over every exemplar of the 1st / 2nd / 5th / 9th / 10th / 19th nearest other exemplar "
          "(ranks 2, 3, 6, 10, 11, 20 counting the exemplar itself, as the bench's query does)")
    print("| set | exemplars / questions | cosine to own centroid, median (p10-p90) | "
          "distance to nearest 1 / 2 / 5 / 9 / 10 / 19 | gap (d11 - d10) / d10, median (p10-p90) | "
          "top 10 in own question | PCA components for 90% variance, per question, median | "
          "the same over the whole set (300 exemplars) | cosine of exemplars of different questions, "
          "median (p10-p90) | cosine of question centroids, median (p10-p90) |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    saf = np.char.startswith(group.astype(str), "saf:")
    print(stats("real, all (SAF + bank)", vectors, group, pca_n))
    print(stats("real, SAF (10 questions, 72-154 answers)", vectors[saf], group[saf], pca_n))
    print(stats("real, bank (23 questions, 15 answers)", vectors[~saf], group[~saf], pca_n))
    v, g = iso(q_count * per_question, q_count)
    print(stats(f"GEN=iso (old) at {q_count * per_question:,} / {q_count}", v, g, pca_n))
    # Its rows depend on N and Q (exemplars e and e' of one question share a noise vector when
    # e = e' mod lcm(4000, Q)): the first 200 questions of the 1,000,000 / 10,000 bank, all their rows.
    v, g = iso(1000000, 10000)
    sel = g < q_count
    print(stats(f"GEN=iso (old) at 1,000,000 / 10,000, its first {q_count} questions", v[sel], g[sel], pca_n))
    for gen, shared in (("real-indep", False), ("real", True)):
        bank = RealBank(q_count, per_question, shared)
        qs = np.arange(q_count)
        v = np.concatenate([bank.vectors(qs, j) for j in range(per_question)])
        g = np.tile(qs, per_question)
        print(stats(f"GEN={gen} ({bank.topped_up / (q_count * per_question):.0%} topped up)", v, g, pca_n))


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "copy":
        copy(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4] != "indep" if len(sys.argv) > 4 else True)
    elif cmd == "geometry":
        geometry()
    elif cmd == "texts":
        texts()
    elif cmd == "save":
        save()
    else:
        sys.exit(__doc__)
