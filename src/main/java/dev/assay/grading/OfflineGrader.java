package dev.assay.grading;

import dev.assay.bank.RubricSpec;
import dev.assay.embedding.Embedding;
import dev.assay.exemplar.ExemplarMatch;
import dev.assay.scoring.Evidence;
import dev.assay.scoring.EvidenceBuilder;
import dev.assay.scoring.Features;
import dev.assay.scoring.ScoringModel;
import dev.assay.scoring.ScoringModels;
import dev.assay.text.AnswerText;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Grades without an LLM. The workspace's learned scoring model ({@link ScoringModels}) predicts the
 * overall score from features of the answer against its retrieved exemplars; {@link CriterionSplit}
 * turns it into per-criterion scores that rest on evidence for each criterion, with the answer's
 * own sentences as citations. Confidence comes from the model's expected error. With {@code scorer:
 * knn}, without exemplars, or in a build without a scoring model, the earlier nearest-neighbour
 * grader ({@link KnnGrader}) grades.
 */
@ApplicationScoped
class OfflineGrader {
  static final String VERSION = "offline-learned-v2";

  private final KnnGrader knn;
  private final TextVectors vectors;
  private final EvidenceBuilder evidence;

  OfflineGrader(KnnGrader knn, TextVectors vectors, EvidenceBuilder evidence) {
    this.knn = knn;
    this.vectors = vectors;
    this.evidence = evidence;
  }

  /** An offline grading: the configuration and, for the learned scorer, the model it uses. */
  record Setup(GraderSpec spec, ScoringModels.Resolved model) {
    static Setup of(GraderSpec spec, Optional<ScoringModels.Resolved> model) {
      return new Setup(spec, spec.knn() ? null : model.orElse(null));
    }
  }

  /** The grader's version for provenance and the dedup signature. */
  static String version(Setup offline) {
    return offline.model() == null
        ? KnnGrader.version(offline.spec().lexical())
        : VERSION + "@" + offline.model().ref() + ":" + offline.model().hash().substring(0, 12);
  }

  Verdict grade(GradingInput input, Setup offline) {
    if (offline.model() == null || input.exemplars().isEmpty()) {
      return knn.grade(input, offline.spec().lexical());
    }
    RubricSpec rubric = input.question().rubric();
    CriterionSplit.Sentences sentences = sentences(input);
    Evidence ev =
        evidence.of(
            input.answer(),
            sentences.vectors(),
            input.question().prompt(),
            input.exemplars(),
            rubric.scale());
    ScoringModel.Prediction p = offline.model().model().predict(Features.of(ev));
    List<CriterionSplit.Neighbour> neighbours =
        input.exemplars().stream()
            .map(m -> new CriterionSplit.Neighbour(m, vectors.sentencesOf(m.text())))
            .toList();
    Map<String, TextVectors.LevelVectors> levels = vectors.levels(rubric);
    List<CriterionSplit.Evidence> criteria =
        CriterionSplit.evidence(rubric, levels, sentences, neighbours);
    double[] shares = CriterionSplit.split(p.share(), criteria);
    ExemplarMatch nearest =
        input.exemplars().stream()
            .max(Comparator.comparingDouble(ExemplarMatch::similarity))
            .orElseThrow();
    int nearestSentence = closestSentence(sentences, vectors.of(nearest.text()));
    List<Verdict.CriterionGrade> grades = new ArrayList<>();
    for (int i = 0; i < criteria.size(); i++) {
      CriterionSplit.Evidence e = criteria.get(i);
      List<Verdict.Citation> citations = new ArrayList<>();
      if (e.ownEvidence()) {
        citations.add(new Verdict.Citation(null, sentences.texts().get(e.bestSentence()).text()));
      }
      if (e.addressed()) {
        citations.add(
            new Verdict.Citation(nearest.id(), sentences.texts().get(nearestSentence).text()));
      }
      grades.add(
          new Verdict.CriterionGrade(
              e.criterion().key(),
              Math.round(shares[i] * rubric.scale() * 10) / 10.0,
              rubric.scale(),
              rationale(e),
              List.copyOf(citations)));
    }
    return new Verdict(grades, overallRationale(offline, p, nearest), p.confidence());
  }

  /** The answer's sentences and their vectors; an answer without a sentence counts as one. */
  private CriterionSplit.Sentences sentences(GradingInput input) {
    List<AnswerText.Sentence> texts = AnswerText.sentences(input.answer());
    if (texts.isEmpty()) {
      String whole = input.answer().strip();
      texts = List.of(new AnswerText.Sentence(whole, 0, whole.length()));
    }
    return new CriterionSplit.Sentences(
        texts, evidence.sentenceVectors(input.answer(), input.answerVector()));
  }

  private static int closestSentence(CriterionSplit.Sentences sentences, Embedding target) {
    int best = 0;
    for (int i = 1; i < sentences.vectors().size(); i++) {
      if (sentences.vectors().get(i).cosine(target)
          > sentences.vectors().get(best).cosine(target)) {
        best = i;
      }
    }
    return best;
  }

  private static String rationale(CriterionSplit.Evidence e) {
    if (!e.addressed()) {
      return String.format(
          "No sentence of the answer addresses this criterion (closest match %.2f, below the %.2f"
              + " that acceptable reference answers reach), so it scores at most the weak level.",
          e.match(), e.floor());
    }
    return String.format(
        "The answer's closest sentence on this criterion reads like the %s descriptor (similarity"
            + " %.2f).",
        e.closestLevel(), e.match());
  }

  private static String overallRationale(
      Setup offline, ScoringModel.Prediction p, ExemplarMatch nearest) {
    return String.format(
        "Graded offline by the learned scoring model %s: %.0f%% of the scale (expected error about"
            + " %.0f points in 100), from the answer's closeness to %s reference answers"
            + " (nearest: a %s answer at similarity %.2f) and its coverage of their content.",
        offline.model().ref(),
        100 * p.share(),
        100 * p.expectedError(),
        "the retrieved",
        nearest.label().wire(),
        nearest.similarity());
  }
}
