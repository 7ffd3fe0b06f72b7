package dev.assay.evaluation;

import dev.assay.bank.BankDocument;
import dev.assay.bank.QuestionService;
import dev.assay.grading.GradeRequest;
import dev.assay.grading.GradeView;
import dev.assay.grading.GraderConfig;
import dev.assay.grading.GradingService;
import dev.assay.scoring.ScoringModels;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs an eval set through the same grading pipeline that serves the API, in a fresh isolated
 * workspace: seed rows become exemplars of their question, the other rows are graded, and the
 * automated scores are compared with the human ones next to two baselines computed in the same run
 * (nearest neighbour by word overlap, and the majority score).
 */
@ApplicationScoped
public class EvalRunner {
  private final QuestionService questions;
  private final GradingService grading;
  private final ScratchWorkspaces scratch;
  private final ScoringModels scoring;
  private final EvalBank evalBank;

  EvalRunner(
      QuestionService questions,
      GradingService grading,
      ScratchWorkspaces scratch,
      ScoringModels scoring,
      EvalBank evalBank) {
    this.evalBank = evalBank;
    this.questions = questions;
    this.grading = grading;
    this.scratch = scratch;
    this.scoring = scoring;
  }

  /** Told how many of the run's grades are done. */
  @FunctionalInterface
  public interface Progress {
    void graded(int done, int total);
  }

  /**
   * Grades the eval set with {@code config} (and each requested ablation of it) in a fresh
   * workspace. In bank mode the rows name questions of {@code owner}, whose rubrics and exemplars
   * (pending ones too, with {@code includePending}) are copied; otherwise each eval question gets a
   * generic rubric and its reference answer as a strong exemplar.
   */
  public EvalReport evaluate(
      UUID runId,
      long owner,
      String dataset,
      EvalOptions options,
      List<EvalRow> rows,
      GraderConfig config,
      boolean includePending,
      Progress progress) {
    long start = System.nanoTime();
    Prepared setup = prepare(owner, dataset, options, rows, config, includePending);
    try {
      return evaluate(runId, dataset, options, config, setup, progress, start);
    } finally {
      remove(setup);
    }
  }

  private EvalReport evaluate(
      UUID runId,
      String dataset,
      EvalOptions options,
      GraderConfig config,
      Prepared setup,
      Progress progress,
      long start) {
    List<String> variants = new ArrayList<>();
    variants.add(config.spec().exemplars());
    options.ablations().stream().filter(a -> !variants.contains(a)).forEach(variants::add);
    int perVariant = setup.split().graded().values().stream().mapToInt(List::size).sum();
    Counter counter = new Counter(perVariant * variants.size(), progress);
    List<RowResult> results = gradeAll(setup, config, counter);
    EvalReportBuilder report = new EvalReportBuilder(results, options.seed());
    Map<String, EvalReport.Ablation> ablations = new LinkedHashMap<>();
    long[] ablationTokens = new long[2];
    for (String variant : variants.subList(1, variants.size())) {
      GraderConfig ablated =
          config.withSpec(config.spec().withExemplars(variant), "exemplars:" + variant);
      List<GradeView> grades = gradeEach(setup, ablated, counter);
      grades.forEach(
          g -> {
            ablationTokens[0] += g.inputTokens();
            ablationTokens[1] += g.outputTokens();
          });
      ablations.put(
          "exemplars: " + variant,
          report.ablation(
              ablated.spec().describe(),
              grades.stream().mapToDouble(g -> g.overall().score() / g.overall().maxScore())));
    }
    EvalSplit split = setup.split();
    return report.build(
        new EvalReportBuilder.Run(
            runId,
            dataset,
            options.protocol(),
            config,
            setup.slug(),
            split.graded().size(),
            split.seeds().values().stream().mapToInt(List::size).sum(),
            setup.excluded() + split.copiesOfSeeds(),
            split.seenByPrior(),
            setup.model(),
            start),
        ablations,
        setup.baselinePool().values().stream().flatMap(List::stream).toList(),
        ablationTokens);
  }

  /**
   * The run's isolated workspace, what it grades and the learned model it grades with; public for
   * other protocols over the same pipeline (counterfactual probes).
   */
  public record Prepared(
      long workspaceId,
      String slug,
      EvalSplit split,
      int excluded,
      ScoringModels.Resolved model,
      Map<String, List<EvalRow>> baselinePool) {

    /** The rows to grade, by eval question. */
    public Map<String, List<EvalRow>> graded() {
      return split.graded();
    }
  }

  /** Counts the run's grades for {@link Progress}. */
  private static final class Counter {
    private final int total;
    private final Progress progress;
    private int done;

    Counter(int total, Progress progress) {
      this.total = total;
      this.progress = progress;
    }

    void tick() {
      progress.graded(++done, total);
    }
  }

  /** Splits the rows and sets up a fresh workspace to grade them in. */
  public Prepared prepare(
      long owner,
      String dataset,
      EvalOptions options,
      List<EvalRow> rows,
      GraderConfig config,
      boolean includePending) {
    BankDocument ownBank = null;
    List<EvalRow> usable = rows;
    if (options.bank()) {
      ownBank =
          questions.snapshot(
              owner, rows.stream().map(EvalRow::questionId).distinct().toList(), includePending);
      usable = EvalBank.gradable(rows, ownBank);
      if (usable.isEmpty()) {
        throw new IllegalArgumentException(
            "no row names a question of the workspace's bank (question_id = question id)");
      }
    }
    // Rows the shipped scoring model learned from may seed, but are never graded: the model would
    // be grading its own training data.
    EvalSplit all = EvalSplit.of(options, usable);
    EvalSplit split =
        scoring.prior().map(p -> all.withoutGraded(r -> p.sawAnswer(r.answer()))).orElse(all);
    ScratchWorkspaces.Scratch workspace = scratch.create(dataset);
    try {
      questions.importDocument(
          workspace.id(),
          ownBank == null ? evalBank.bank(split) : EvalBank.withSeeds(ownBank, split));
      // The learned scorer: in bank mode the configuration's model in the owner's workspace (what
      // live grades use); otherwise a model trained now on this run's seed rows alone.
      ScoringModels.Resolved model =
          (options.bank()
                  ? scoring.resolve(owner, config.spec().llm() ? null : config.spec().scorerModel())
                  : scoring.retrain(workspace.id()))
              .orElse(null);
      return new Prepared(
          workspace.id(),
          workspace.slug(),
          split,
          rows.size() - usable.size(),
          model,
          split.baselinePool(ownBank));
    } catch (RuntimeException e) {
      scratch.remove(workspace.id(), e);
      throw e;
    }
  }

  /** Removes a prepared run's workspace and everything graded in it, once the run is over. */
  public void remove(Prepared prepared) {
    scratch.remove(prepared.workspaceId(), null);
  }

  /** Grades every graded row with the run's configuration, in split order. */
  private List<RowResult> gradeAll(Prepared setup, GraderConfig config, Counter counter) {
    List<RowResult> out = new ArrayList<>();
    int index = 0;
    for (Map.Entry<String, List<EvalRow>> q : setup.split().graded().entrySet()) {
      List<EvalRow> seeds = setup.baselinePool().get(q.getKey());
      for (EvalRow row : q.getValue()) {
        long t0 = System.nanoTime();
        GradeView g =
            gradeRow(setup.workspaceId(), q.getKey(), row, index++, config, setup.model());
        long latencyMs = (System.nanoTime() - t0) / 1_000_000;
        out.add(RowResult.of(q.getKey(), row, g, WordOverlap.nearestScore(row, seeds), latencyMs));
        counter.tick();
      }
    }
    return out;
  }

  /** Grades every graded row again with an ablated configuration, in the same order. */
  private List<GradeView> gradeEach(Prepared setup, GraderConfig ablated, Counter counter) {
    List<GradeView> out = new ArrayList<>();
    int index = 0;
    for (Map.Entry<String, List<EvalRow>> q : setup.split().graded().entrySet()) {
      for (EvalRow row : q.getValue()) {
        out.add(gradeRow(setup.workspaceId(), q.getKey(), row, index++, ablated, setup.model()));
        counter.tick();
      }
    }
    return out;
  }

  /** Grades one answer to an eval question in a prepared workspace, as its own candidate. */
  public GradeView grade(
      Prepared prepared,
      String questionId,
      String answer,
      String candidateRef,
      GraderConfig config) {
    GradeRequest request =
        new GradeRequest(EvalBank.slugOf(questionId), answer, candidateRef, List.of("eval"));
    return grading
        .grade(prepared.workspaceId(), request, null, null, config, prepared.model())
        .grade();
  }

  private GradeView gradeRow(
      long workspaceId,
      String questionId,
      EvalRow row,
      int index,
      GraderConfig config,
      ScoringModels.Resolved model) {
    // Each row is its own candidate, so its ablation grades are not near-duplicates of each other.
    GradeRequest request =
        new GradeRequest(
            EvalBank.slugOf(questionId), row.answer(), "row-" + index, List.of("eval"));
    return grading.grade(workspaceId, request, null, null, config, model).grade();
  }
}
