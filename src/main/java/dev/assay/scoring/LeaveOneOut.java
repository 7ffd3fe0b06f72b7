package dev.assay.scoring;

import dev.assay.embedding.Embedding;
import dev.assay.embedding.VectorCache;
import dev.assay.exemplar.ExemplarMatch;
import dev.assay.exemplar.ExemplarVectors.WithVector;
import dev.assay.exemplar.Label;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Training rows from a workspace's exemplars: each exemplar is graded as if it were an answer,
 * against the other exemplars of its question only (retrieved as grading retrieves: the {@code k}
 * nearest of each label by exact cosine), so its own score never informs its features.
 */
final class LeaveOneOut {
  /** At most this many exemplars are held out (a bank of any size trains in bounded time). */
  static final int MAX_ROWS = 2_000;

  private LeaveOneOut() {}

  static List<Trainer.Row> rows(
      List<WithVector> exemplars, int k, EvidenceBuilder evidence, VectorCache vectors) {
    Map<Long, List<WithVector>> byQuestion = new LinkedHashMap<>();
    exemplars.forEach(
        e -> byQuestion.computeIfAbsent(e.questionId(), q -> new ArrayList<>()).add(e));
    List<List<Embedding>> sentences =
        vectors.sentencesOfAll(exemplars.stream().map(e -> e.exemplar().text()).toList());

    Map<WithVector, List<Embedding>> sentencesOf = new java.util.IdentityHashMap<>();
    for (int i = 0; i < exemplars.size(); i++) {
      sentencesOf.put(exemplars.get(i), sentences.get(i));
    }
    Set<WithVector> heldOut = sample(exemplars);
    List<Trainer.Row> rows = new ArrayList<>();
    for (List<WithVector> question : byQuestion.values()) {
      for (WithVector held : question) {
        if (!heldOut.contains(held)) {
          continue;
        }
        List<ExemplarMatch> others = nearestOthers(held, question, k);
        if (others.isEmpty()) {
          continue;
        }
        Evidence e =
            evidence.of(
                held.exemplar().text(), sentencesOf.get(held), held.prompt(), others, held.scale());
        double[] features = Features.of(e);
        double target = Math.max(0, Math.min(1, held.exemplar().score() / held.scale()));
        rows.add(new Trainer.Row(features, target, Long.toString(held.questionId())));
      }
    }
    return rows;
  }

  /**
   * Every exemplar, or {@value #MAX_ROWS} of them in content-hash order (a fixed pseudo-random
   * pick).
   */
  private static Set<WithVector> sample(List<WithVector> exemplars) {
    Set<WithVector> out = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    exemplars.stream()
        .sorted(Comparator.comparing(WithVector::contentHash))
        .limit(MAX_ROWS)
        .forEach(out::add);
    return out;
  }

  /** The other exemplars of the question (never a copy of the held-out text), k per label. */
  private static List<ExemplarMatch> nearestOthers(
      WithVector held, List<WithVector> question, int k) {
    List<ExemplarMatch> out = new ArrayList<>();
    for (Label label : Label.values()) {
      question.stream()
          .filter(o -> o != held && !o.contentHash().equals(held.contentHash()))
          .filter(o -> o.exemplar().label() == label)
          .map(o -> withSimilarity(o, Embedding.cosine(held.vector(), o.vector())))
          .sorted(Comparator.comparingDouble(ExemplarMatch::similarity).reversed())
          .limit(k)
          .forEach(out::add);
    }
    return out;
  }

  private static ExemplarMatch withSimilarity(WithVector o, double similarity) {
    ExemplarMatch m = o.exemplar();
    return new ExemplarMatch(
        m.id(), m.label(), m.score(), m.criterionScores(), m.rationale(), similarity, m.text());
  }
}
