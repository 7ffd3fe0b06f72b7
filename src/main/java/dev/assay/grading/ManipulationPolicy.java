package dev.assay.grading;

import dev.assay.bank.QuestionService.QuestionRef;
import dev.assay.bank.RubricSpec;
import dev.assay.embedding.Embedding;
import dev.assay.embedding.EmbeddingService;
import dev.assay.exemplar.ExemplarMatch;
import dev.assay.exemplar.ExemplarService;
import dev.assay.grading.manipulation.Inspection;
import dev.assay.grading.manipulation.ManipulationDetector;
import dev.assay.llm.Deadline;
import dev.assay.metrics.Metrics;
import dev.assay.platform.Hashing;
import dev.assay.text.AnswerText;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * The rule for answers that try to influence the grader: <b>a suspected manipulation never raises a
 * score</b>. When the detector or the grading model suspects an answer, its automated score on each
 * criterion is the lowest of the grader's score, the offline grader's score of the answer with the
 * suspect spans removed, and (in LLM mode) the LLM's score of that same stripped answer; the flag
 * sends it to the review queue. In LLM mode an unsuspected answer whose LLM grade is far above the
 * offline grade is capped at the offline grade and flagged too, a last line against attacks the
 * detector does not know. See docs/manipulation.md.
 */
@ApplicationScoped
class ManipulationPolicy {
  static final String SCORE_CAPPED = "llm-score-capped";
  static final String DIVERGENCE = "llm-offline-divergence";
  static final String MODEL_REPORTED = "llm-reported-manipulation";

  /** A cap that moves the score less than this share of the scale is not worth a flag. */
  private static final double NOTICEABLE = 0.05;

  private final ManipulationDetector detector;
  private final OffTopicGuard offline;
  private final LlmGrader llm;
  private final EmbeddingService embeddings;
  private final ExemplarService exemplars;
  private final GradingConfig config;

  ManipulationPolicy(
      ManipulationDetector detector,
      OffTopicGuard offline,
      LlmGrader llm,
      EmbeddingService embeddings,
      ExemplarService exemplars,
      GradingConfig config) {
    this.detector = detector;
    this.offline = offline;
    this.llm = llm;
    this.embeddings = embeddings;
    this.exemplars = exemplars;
    this.config = config;
  }

  Inspection inspect(QuestionRef question, String answer) {
    return detector.inspect(
        answer, ManipulationDetector.Context.of(question.prompt(), question.rubric()));
  }

  /**
   * A grade to check: the answer as sent, what the grader read ({@code input}), the grader's
   * verdict, its mode, what the model itself reported, and what is left of the grade's LLM deadline
   * for the grade of the stripped answer.
   */
  record Subject(
      String sent,
      GradingInput input,
      GradingMode mode,
      Verdict verdict,
      List<String> reported,
      GraderSpec spec,
      OfflineGrader.Setup offline,
      boolean reused,
      Deadline deadline) {}

  /**
   * The verdict after the rule, the flags it adds, what it measured (for provenance) and the LLM's
   * grade of the stripped answer when one was made.
   */
  record Decision(
      Verdict verdict,
      List<String> flags,
      Provenance.PolicyEvidence evidence,
      LlmGrader.Outcome substanceCall) {}

  Decision apply(Subject s, Inspection inspection) {
    Inspection seen = detector.withReported(inspection, s.sent(), s.reported());
    List<String> flags = new ArrayList<>();
    if (!s.reported().isEmpty()) {
      flags.add(MODEL_REPORTED);
    }
    if (!seen.flagged()) {
      return divergence(s, flags);
    }
    RubricSpec rubric = s.input().question().rubric();
    List<Verdict> candidates = new ArrayList<>(List.of(s.verdict()));
    GradingInput stripped = strippedInput(s, seen.stripped());
    Verdict offlineSubstance =
        stripped == null ? GradingPipeline.empty(rubric) : offline.grade(stripped, s.offline());
    candidates.add(offlineSubstance);
    LlmGrader.Outcome substanceCall = null;
    Double llmSubstance = null;
    if (s.mode() == GradingMode.LLM && !s.reused() && stripped != null) {
      substanceCall = llm.grade(stripped, s.spec(), s.deadline());
      if (substanceCall.verdict() != null) {
        candidates.add(substanceCall.verdict());
        llmSubstance =
            Metrics.round(GradingPipeline.overall(rubric, substanceCall.verdict().criteria()), 3);
      }
    }
    Verdict lowest =
        lowered(
            lowest(rubric, s.input().answer(), candidates, note(seen)),
            config.manipulationMargin() * rubric.scale());
    double before = GradingPipeline.overall(rubric, s.verdict().criteria());
    double after = GradingPipeline.overall(rubric, lowest.criteria());
    Provenance.PolicyEvidence evidence =
        new Provenance.PolicyEvidence(
            AnswerText.wordCount(seen.stripped()),
            Metrics.round(GradingPipeline.overall(rubric, offlineSubstance.criteria()), 3),
            llmSubstance,
            Metrics.round(before, 3),
            Metrics.round(after, 3),
            null);
    if (s.mode() == GradingMode.LLM && before - after >= NOTICEABLE * rubric.scale()) {
      flags.add(SCORE_CAPPED);
    }
    return new Decision(lowest, flags, evidence, substanceCall);
  }

  /** Unsuspected LLM grades far above the offline grade are capped at it. */
  private Decision divergence(Subject s, List<String> flags) {
    if (s.mode() != GradingMode.LLM || s.reused()) {
      return new Decision(s.verdict(), flags, null, null);
    }
    RubricSpec rubric = s.input().question().rubric();
    Verdict offlineGrade = offline.grade(s.input(), s.offline());
    double llmScore = GradingPipeline.overall(rubric, s.verdict().criteria());
    double offlineScore = GradingPipeline.overall(rubric, offlineGrade.criteria());
    Double offline = Metrics.round(offlineScore, 3);
    if (llmScore - offlineScore < config.llmDivergence() * rubric.scale()) {
      return new Decision(
          s.verdict(),
          flags,
          new Provenance.PolicyEvidence(null, null, null, null, null, offline),
          null);
    }
    flags.add(DIVERGENCE);
    String note =
        String.format(
            "The LLM's score (%.1f of %d) is far above the offline grader's (%.1f); the automated"
                + " score is capped at the offline grade until a reviewer looks at it.",
            llmScore, rubric.scale(), offlineScore);
    Verdict capped = lowest(rubric, s.input().answer(), List.of(s.verdict(), offlineGrade), note);
    return new Decision(
        capped,
        flags,
        new Provenance.PolicyEvidence(null, null, null, Metrics.round(llmScore, 3), null, offline),
        null);
  }

  /** The answer without its suspect spans, embedded and with its own neighbours; null if empty. */
  private GradingInput strippedInput(Subject s, String stripped) {
    if (stripped.isBlank()) {
      return null;
    }
    QuestionRef question = s.input().question();
    Embedding vector = embeddings.embed(stripped);
    List<ExemplarMatch> matches = exemplars.nearest(question.id(), vector, s.spec().k());
    List<ExemplarMatch> shown =
        ExemplarAblation.apply(
            s.spec().exemplars(), matches, Hashing.sha256(AnswerText.dedupKey(stripped)));
    return new GradingInput(question, stripped, vector, shown);
  }

  /**
   * Per criterion, the candidate with the lowest score (the first on ties), keeping only citations
   * found word for word in the answer; confidence is the first candidate's.
   */
  static Verdict lowest(RubricSpec rubric, String answer, List<Verdict> candidates, String note) {
    List<Verdict.CriterionGrade> out = new ArrayList<>();
    for (var criterion : rubric.criteria()) {
      Verdict.CriterionGrade best = null;
      for (Verdict v : candidates) {
        for (Verdict.CriterionGrade g : v.criteria()) {
          if (g.criterion().equals(criterion.key()) && (best == null || g.score() < best.score())) {
            best = g;
          }
        }
      }
      if (best != null) {
        List<Verdict.Citation> kept =
            best.citations().stream()
                .filter(c -> AnswerText.containsVerbatim(answer, c.quote()))
                .toList();
        out.add(
            new Verdict.CriterionGrade(
                best.criterion(), best.score(), best.maxScore(), best.rationale(), kept));
      }
    }
    Verdict first = candidates.get(0);
    return new Verdict(out, note + " " + first.rationale(), first.confidence());
  }

  /** Every criterion's score less {@code margin}, never below 0. */
  static Verdict lowered(Verdict v, double margin) {
    List<Verdict.CriterionGrade> out =
        v.criteria().stream()
            .map(
                g ->
                    new Verdict.CriterionGrade(
                        g.criterion(),
                        Math.max(0, Math.round((g.score() - margin) * 100) / 100.0),
                        g.maxScore(),
                        g.rationale(),
                        g.citations()))
            .toList();
    return new Verdict(out, v.rationale(), v.confidence());
  }

  private static String note(Inspection inspection) {
    String what =
        String.join(
            "; ", inspection.categories().stream().map(c -> c.plainWords).distinct().toList());
    return "Suspected attempt to influence the grader (the answer "
        + what
        + "): the automated score counts only the rest of the answer and a reviewer should"
        + " check it.";
  }
}
