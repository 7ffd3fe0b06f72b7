package dev.assay.evaluation.adversarial;

import dev.assay.bank.BankDocument;
import dev.assay.bank.QuestionService;
import dev.assay.bank.QuestionSpec;
import dev.assay.evaluation.EvalRow;
import dev.assay.evaluation.ScratchWorkspaces;
import dev.assay.grading.GradeRequest;
import dev.assay.grading.GradeView;
import dev.assay.grading.GraderConfig;
import dev.assay.grading.GradingService;
import dev.assay.grading.ManipulationFlags;
import dev.assay.grading.Provenance;
import dev.assay.grading.manipulation.Inspection;
import dev.assay.grading.manipulation.ManipulationDetector;
import dev.assay.metrics.Metrics;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Grades each attack and its honest twin through the real grading pipeline, in a scratch workspace
 * holding a copy of the owner's questions (removed with its grades when the run ends), and runs the
 * manipulation detector over honest answers to count false flags (the twins, graded in full, count
 * as honest answers too). The same pipeline serves the API: nothing here is a special grader.
 */
@ApplicationScoped
public class AttackEval {
  private final QuestionService questions;
  private final GradingService grading;
  private final ScratchWorkspaces scratch;
  private final ManipulationDetector detector;

  AttackEval(
      QuestionService questions,
      GradingService grading,
      ScratchWorkspaces scratch,
      ManipulationDetector detector) {
    this.questions = questions;
    this.grading = grading;
    this.scratch = scratch;
    this.detector = detector;
  }

  /** Called after each graded pair or inspected honest answer. */
  @FunctionalInterface
  public interface Progress {
    void done(int done, int total);
  }

  public AttackReport run(
      long owner,
      List<AttackPair> pairs,
      List<EvalRow> honest,
      GraderConfig config,
      Progress progress) {
    List<String> ids = new ArrayList<>();
    pairs.forEach(p -> ids.add(p.questionId()));
    honest.forEach(r -> ids.add(r.questionId()));
    BankDocument bank = questions.snapshot(owner, ids.stream().distinct().toList(), false);
    Map<String, ManipulationDetector.Context> contexts = new HashMap<>();
    for (QuestionSpec q : bank.questions()) {
      contexts.put(q.id(), ManipulationDetector.Context.of(q.prompt(), q.rubric()));
    }
    List<AttackPair> usable =
        pairs.stream().filter(p -> contexts.containsKey(p.questionId())).toList();
    if (usable.size() < pairs.size()) {
      throw new IllegalArgumentException(
          (pairs.size() - usable.size()) + " attacks name questions that are not in the bank");
    }
    return scratch.use(
        "attack-eval",
        "Adversarial evaluation",
        workspace -> {
          questions.importDocument(workspace.id(), bank);
          return gradeAll(workspace.id(), usable, honest, contexts, config, progress);
        });
  }

  private AttackReport gradeAll(
      long workspaceId,
      List<AttackPair> usable,
      List<EvalRow> honest,
      Map<String, ManipulationDetector.Context> contexts,
      GraderConfig config,
      Progress progress) {
    int total = usable.size() + honest.size();
    int done = 0;
    Map<String, GradeView> twins = new LinkedHashMap<>();
    List<AttackReport.PairResult> results = new ArrayList<>();
    long start = System.nanoTime();
    for (AttackPair p : usable) {
      GradeView twin =
          twins.computeIfAbsent(
              p.questionId() + "|" + p.twin(), k -> grade(workspaceId, p, p.twin(), config));
      GradeView attack = grade(workspaceId, p, p.attack(), config);
      double twinScore = share(twin);
      double attackScore = share(attack);
      results.add(
          new AttackReport.PairResult(
              p.id(),
              p.style(),
              p.heldOut(),
              p.questionId(),
              ManipulationFlags.any(attack.flags()),
              attack.flags(),
              twinScore,
              attackScore,
              Metrics.round(attackScore - twinScore, 4),
              Metrics.round(graderShare(attack) - twinScore, 4)));
      progress.done(++done, total);
    }
    long pairsDone = System.nanoTime();
    // The twins are honest answers too, graded in full: a manipulation flag on one is a false flag.
    List<String> flaggedHonest = new ArrayList<>();
    twins.forEach(
        (key, twin) -> {
          if (ManipulationFlags.any(twin.flags())) {
            flaggedHonest.add("twin " + twin.questionId() + " " + twin.flags());
          }
        });
    int index = 0;
    for (EvalRow row : honest) {
      ManipulationDetector.Context context =
          contexts.getOrDefault(
              row.questionId(), ManipulationDetector.Context.ofQuestion(row.question()));
      Inspection found = detector.inspect(row.answer(), context);
      if (found.flagged()) {
        flaggedHonest.add(
            row.questionId() + "#" + index + " " + found.injectionCodes() + kw(found));
      }
      index++;
      progress.done(++done, total);
    }
    long honestDone = System.nanoTime();
    AttackReport.Honest honestResult =
        new AttackReport.Honest(
            honest.size() + twins.size(),
            flaggedHonest.size(),
            (double) flaggedHonest.size() / Math.max(1, honest.size() + twins.size()),
            flaggedHonest);
    return AttackReport.of(
        config.ref() + " (" + config.spec().describe() + ")",
        results,
        honestResult,
        new AttackReport.Durations(
            (pairsDone - start) / 1_000_000, (honestDone - pairsDone) / 1_000_000));
  }

  private static String kw(Inspection found) {
    return found.keywordStuffing() ? " keyword-stuffing" : "";
  }

  private GradeView grade(long workspaceId, AttackPair p, String answer, GraderConfig config) {
    GradeRequest request =
        new GradeRequest(
            p.questionId(),
            answer,
            p.twinId() == null ? p.id() : p.twinId(),
            List.of("attack-eval"));
    return grading.grade(workspaceId, request, null, null, config).grade();
  }

  /** The grader's own score before the manipulation policy, as a share of the scale. */
  private static double graderShare(GradeView g) {
    Provenance.PolicyEvidence policy = g.provenance().manipulationPolicy();
    if (policy != null && policy.graderScore() != null && g.overall().maxScore() > 0) {
      return policy.graderScore() / g.overall().maxScore();
    }
    return share(g);
  }

  private static double share(GradeView g) {
    return g.overall().maxScore() == 0 ? 0 : g.overall().score() / g.overall().maxScore();
  }
}
