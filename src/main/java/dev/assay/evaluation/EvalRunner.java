package dev.assay.evaluation;

import dev.assay.bank.BankDocument;
import dev.assay.bank.QuestionService;
import dev.assay.bank.QuestionSpec;
import dev.assay.grading.GradeRequest;
import dev.assay.grading.GradeView;
import dev.assay.grading.GraderConfig;
import dev.assay.grading.GradingService;
import dev.assay.scoring.ScoringModels;
import dev.assay.text.AnswerText;
import dev.assay.workspace.WorkspaceRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

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
  private final WorkspaceRepository workspaces;
  private final ScoringModels scoring;
  private final EvalBank evalBank;

  EvalRunner(
      QuestionService questions,
      GradingService grading,
      WorkspaceRepository workspaces,
      ScoringModels scoring,
      EvalBank evalBank) {
    this.evalBank = evalBank;
    this.questions = questions;
    this.grading = grading;
    this.workspaces = workspaces;
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
    Setup setup = setUp(owner, dataset, options, rows, config, includePending);
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
    Split split = setup.split();
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

  /** The run's isolated workspace, what it grades and the learned model it grades with. */
  private record Setup(
      long workspaceId,
      String slug,
      Split split,
      int excluded,
      ScoringModels.Resolved model,
      Map<String, List<EvalRow>> baselinePool) {}

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

  private Setup setUp(
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
    Split all = split(options, usable);
    Split split =
        scoring.prior().map(p -> all.withoutGraded(r -> p.sawAnswer(r.answer()))).orElse(all);
    String slug = "eval-" + UUID.randomUUID().toString().substring(0, 8);
    long workspaceId =
        QuarkusTransaction.requiringNew()
            .call(() -> workspaces.create(slug, "Evaluation of " + dataset).id);
    questions.importDocument(
        workspaceId, ownBank == null ? evalBank.bank(split) : EvalBank.withSeeds(ownBank, split));
    // The learned scorer: in bank mode the configuration's model in the owner's workspace (what
    // live grades use); otherwise a model trained now on this run's seed rows alone.
    ScoringModels.Resolved model =
        (options.bank()
                ? scoring.resolve(owner, config.spec().llm() ? null : config.spec().scorerModel())
                : scoring.retrain(workspaceId))
            .orElse(null);
    return new Setup(
        workspaceId, slug, split, rows.size() - usable.size(), model, baselinePool(split, ownBank));
  }

  /** What the baselines learn from: what the grader sees, seed rows and in bank mode exemplars. */
  private static Map<String, List<EvalRow>> baselinePool(Split split, BankDocument ownBank) {
    Map<String, List<EvalRow>> pool = new LinkedHashMap<>(split.seeds());
    if (ownBank == null) {
      return pool;
    }
    for (QuestionSpec q : ownBank.questions()) {
      if (split.graded().containsKey(q.id())) {
        List<EvalRow> rows = new ArrayList<>(split.seeds().get(q.id()));
        q.exemplars()
            .forEach(
                e ->
                    rows.add(
                        new EvalRow(
                            q.id(),
                            q.prompt(),
                            "",
                            e.text(),
                            e.score(),
                            q.rubric().scale(),
                            "exemplar",
                            null,
                            null)));
        pool.put(q.id(), rows);
      }
    }
    return pool;
  }

  /** Grades every graded row with the run's configuration, in split order. */
  private List<RowResult> gradeAll(Setup setup, GraderConfig config, Counter counter) {
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
  private List<GradeView> gradeEach(Setup setup, GraderConfig ablated, Counter counter) {
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

  /**
   * Seed and graded rows per question; questions with nothing to grade are left out. Seeds become
   * exemplars, which the learned scorer trains on, so no row may be both: a split that would grade
   * a seed row (the same row, or the same answer to the same question) cannot be made. {@code
   * copiesOfSeeds} counts rows left out because another student wrote a seed's answer word for
   * word.
   */
  record Split(
      Map<String, List<EvalRow>> seeds,
      Map<String, List<EvalRow>> graded,
      int copiesOfSeeds,
      int seenByPrior) {
    Split {
      for (Map.Entry<String, List<EvalRow>> q : graded.entrySet()) {
        Set<String> seeded =
            seeds.getOrDefault(q.getKey(), List.of()).stream()
                .map(r -> AnswerText.dedupKey(r.answer()))
                .collect(Collectors.toSet());
        for (EvalRow row : q.getValue()) {
          if (seeded.contains(AnswerText.dedupKey(row.answer()))) {
            throw new IllegalStateException(
                "row of question " + q.getKey() + " is both a training seed and graded");
          }
        }
      }
    }

    /** The same split without the graded rows {@code seen} accepts (counted in seenByPrior). */
    Split withoutGraded(java.util.function.Predicate<EvalRow> seen) {
      Map<String, List<EvalRow>> kept = new LinkedHashMap<>();
      Map<String, List<EvalRow>> keptSeeds = new LinkedHashMap<>();
      int dropped = 0;
      for (Map.Entry<String, List<EvalRow>> q : graded.entrySet()) {
        List<EvalRow> rows = q.getValue().stream().filter(seen.negate()).toList();
        dropped += q.getValue().size() - rows.size();
        if (!rows.isEmpty()) {
          kept.put(q.getKey(), rows);
          keptSeeds.put(q.getKey(), seeds.get(q.getKey()));
        }
      }
      return new Split(keptSeeds, kept, copiesOfSeeds, seenByPrior + dropped);
    }
  }

  static Split split(EvalOptions options, List<EvalRow> rows) {
    Map<String, List<EvalRow>> byQuestion =
        rows.stream()
            .collect(
                Collectors.groupingBy(
                    EvalRow::questionId, LinkedHashMap::new, Collectors.toList()));
    Random random = new Random(options.seed());
    Map<String, List<EvalRow>> seeds = new LinkedHashMap<>();
    Map<String, List<EvalRow>> graded = new LinkedHashMap<>();
    int copies = 0;
    for (Map.Entry<String, List<EvalRow>> q : byQuestion.entrySet()) {
      if (graded.size() >= options.maxQuestions()) {
        break;
      }
      List<EvalRow> seed = new ArrayList<>();
      List<EvalRow> candidates = new ArrayList<>();
      for (EvalRow row : q.getValue()) {
        if (options.splitSeed().filter(s -> s.equals(row.split())).isPresent()) {
          seed.add(row);
        } else if (options.gradeSplit().map(s -> s.equals(row.split())).orElse(true)) {
          candidates.add(row);
        }
      }
      Collections.shuffle(candidates, random);
      int extra = Math.min(options.seedPerQuestion(), candidates.size());
      seed.addAll(candidates.subList(0, extra));
      List<EvalRow> usableSeeds = seed.stream().filter(r -> !r.answer().isBlank()).toList();
      Set<String> seeded =
          usableSeeds.stream()
              .map(r -> AnswerText.dedupKey(r.answer()))
              .collect(Collectors.toSet());
      List<EvalRow> rest = candidates.subList(extra, candidates.size());
      List<EvalRow> fresh =
          rest.stream().filter(r -> !seeded.contains(AnswerText.dedupKey(r.answer()))).toList();
      copies += rest.size() - fresh.size();
      List<EvalRow> toGrade = fresh.subList(0, Math.min(fresh.size(), options.maxPerQuestion()));
      if (!toGrade.isEmpty()) {
        seeds.put(q.getKey(), usableSeeds);
        graded.put(q.getKey(), List.copyOf(toGrade));
      }
    }
    return new Split(seeds, graded, copies, 0);
  }
}
