package dev.assay.evaluation;

import dev.assay.bank.AreaSpec;
import dev.assay.bank.BankDocument;
import dev.assay.bank.CriterionSpec;
import dev.assay.bank.QuestionService;
import dev.assay.bank.QuestionSpec;
import dev.assay.bank.RubricSpec;
import dev.assay.exemplar.ExemplarSpec;
import dev.assay.exemplar.Label;
import dev.assay.grading.GradeRequest;
import dev.assay.grading.GradeView;
import dev.assay.grading.GraderConfig;
import dev.assay.grading.GradingService;
import dev.assay.grading.Screening;
import dev.assay.scoring.ScoringModels;
import dev.assay.text.AnswerText;
import dev.assay.workspace.WorkspaceRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
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
  static final int SCALE = 4;
  private static final int BOOTSTRAP = 1000;

  private final QuestionService questions;
  private final GradingService grading;
  private final WorkspaceRepository workspaces;
  private final ScoringModels scoring;

  EvalRunner(
      QuestionService questions,
      GradingService grading,
      WorkspaceRepository workspaces,
      ScoringModels scoring) {
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
    Prepared prepared = prepare(owner, dataset, options, rows, config, includePending);
    BankDocument ownBank = prepared.ownBank();
    int excluded = prepared.excluded();
    Split split = prepared.split();
    String slug = prepared.slug();
    long workspaceId = prepared.workspaceId();
    ScoringModels.Resolved model = prepared.model();

    List<String> variants = new ArrayList<>();
    variants.add(config.spec().exemplars());
    options.ablations().stream().filter(a -> !variants.contains(a)).forEach(variants::add);
    int perVariant = split.graded().values().stream().mapToInt(List::size).sum();
    int total = perVariant * variants.size();
    List<Double> predicted = new ArrayList<>();
    List<Double> human = new ArrayList<>();
    List<Double> second = new ArrayList<>();
    List<Double> secondHuman = new ArrayList<>();
    List<Double> words = new ArrayList<>();
    List<String> questionOf = new ArrayList<>();
    long[] tokens = new long[2];
    List<Double> overlap = new ArrayList<>();
    Map<String, Integer> modes = new TreeMap<>();
    List<Long> latencies = new ArrayList<>();
    List<Double> confidences = new ArrayList<>();
    int[] floored =
        new int[2]; // answers floored as content-free; of them, scored above 0 by people
    // The baselines learn from what the grader sees: seed rows, and in bank mode the exemplars.
    Map<String, List<EvalRow>> baselinePool = new LinkedHashMap<>(split.seeds());
    if (ownBank != null) {
      for (QuestionSpec q : ownBank.questions()) {
        if (split.graded().containsKey(q.id())) {
          List<EvalRow> pool = new ArrayList<>(split.seeds().get(q.id()));
          q.exemplars()
              .forEach(
                  e ->
                      pool.add(
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
          baselinePool.put(q.id(), pool);
        }
      }
    }
    int done = 0;
    int index = 0;
    for (Map.Entry<String, List<EvalRow>> q : split.graded().entrySet()) {
      List<EvalRow> seeds = baselinePool.get(q.getKey());
      for (EvalRow row : q.getValue()) {
        long t0 = System.nanoTime();
        GradeView g = gradeRow(workspaceId, q.getKey(), row, index++, config, model);
        confidences.add(g.confidence());
        if (g.flags().contains(Screening.NO_SUBSTANTIVE_CONTENT)) {
          floored[0]++;
          floored[1] += row.normalised() > 0 ? 1 : 0;
        }
        latencies.add((System.nanoTime() - t0) / 1_000_000);
        predicted.add(g.overall().score() / g.overall().maxScore());
        human.add(row.normalised());
        words.add((double) WordOverlap.words(row.answer()).size());
        questionOf.add(q.getKey());
        tokens[0] += g.inputTokens();
        tokens[1] += g.outputTokens();
        // The ceiling is one person against another, never against a mean that contains them.
        if (row.scoreGrader1() != null && row.scoreGrader2() != null) {
          second.add(row.scoreGrader2() / row.maxScore());
          secondHuman.add(row.scoreGrader1() / row.maxScore());
        }
        overlap.add(WordOverlap.nearestScore(row, seeds));
        modes.merge(g.mode(), 1, Integer::sum);
        progress.graded(++done, total);
      }
    }
    double[] h = toArray(human);
    double[] p = toArray(predicted);
    double step = isBinary(h) ? 1.0 : 0.25;
    Map<String, EvalReport.Ablation> ablations = new LinkedHashMap<>();
    for (String variant : variants.subList(1, variants.size())) {
      GraderConfig ablated =
          config.withSpec(config.spec().withExemplars(variant), "exemplars:" + variant);
      List<Double> scores = new ArrayList<>();
      index = 0;
      for (Map.Entry<String, List<EvalRow>> q : split.graded().entrySet()) {
        for (EvalRow row : q.getValue()) {
          GradeView g = gradeRow(workspaceId, q.getKey(), row, index++, ablated, model);
          scores.add(g.overall().score() / g.overall().maxScore());
          tokens[0] += g.inputTokens();
          tokens[1] += g.outputTokens();
          progress.graded(++done, total);
        }
      }
      double[] a = toArray(scores);
      Map<String, Double> perQuestionQwk = qwkPerQuestion(questionOf, a, h, step);
      ablations.put(
          "exemplars: " + variant,
          new EvalReport.Ablation(
              ablated.spec().describe(),
              Agreement.summarise(a, h, 1.0, step, BOOTSTRAP, options.seed()),
              perQuestionQwk));
    }
    double majority = majority(baselinePool.values().stream().flatMap(List::stream).toList(), step);
    double[] majorityPrediction = new double[h.length];
    java.util.Arrays.fill(majorityPrediction, majority);
    Map<String, Agreement.Summary> baselines = new LinkedHashMap<>();
    baselines.put(
        "word-overlap nearest neighbour",
        Agreement.summarise(toArray(overlap), h, 1.0, step, BOOTSTRAP, options.seed()));
    baselines.put(
        "majority score (" + majority + ")",
        Agreement.summarise(majorityPrediction, h, 1.0, step, BOOTSTRAP, options.seed()));
    Agreement.Summary humanHuman =
        second.isEmpty()
            ? null
            : Agreement.summarise(
                toArray(second), toArray(secondHuman), 1.0, step, BOOTSTRAP, options.seed());
    Map<String, Double> lengthBias = new LinkedHashMap<>();
    lengthBias.put("predictedVsWords", Agreement.pearson(p, toArray(words)));
    lengthBias.put("humanVsWords", Agreement.pearson(h, toArray(words)));
    long totalMs = latencies.stream().mapToLong(Long::longValue).sum();
    Collections.sort(latencies);
    return new EvalReport(
        runId == null ? null : runId.toString(),
        dataset,
        options.protocol(),
        new EvalReport.Grader(config.ref(), config.spec().describe(), config.specHash()),
        slug,
        split.graded().size(),
        split.seeds().values().stream().mapToInt(List::size).sum(),
        perVariant,
        excluded + split.copiesOfSeeds(),
        step,
        modes,
        Agreement.summarise(p, h, 1.0, step, BOOTSTRAP, options.seed()),
        baselines,
        ablations,
        perQuestion(questionOf, p, h, step, options.seed()),
        humanHuman,
        lengthBias,
        Map.of("input", tokens[0], "output", tokens[1]),
        totalMs,
        predictions(questionOf, p, h, words),
        latencies.isEmpty() ? 0 : latencies.get(latencies.size() / 2),
        (System.nanoTime() - start) / 1_000_000_000.0,
        Instant.now().toString(),
        EvalReport.Scoring.of(model, split.seenByPrior(), floored, toArray(confidences), p, h));
  }

  /**
   * A fresh workspace set up for grading an eval set's rows: its split, the owner's bank in bank
   * mode, and the learned scorer the run grades with.
   */
  public record Prepared(
      long workspaceId,
      String slug,
      Split split,
      BankDocument ownBank,
      int excluded,
      ScoringModels.Resolved model) {

    /** The rows to grade, by eval question. */
    public Map<String, List<EvalRow>> graded() {
      return split.graded();
    }
  }

  /**
   * Splits the rows and sets up a fresh workspace to grade them in, as {@link #evaluate} does; for
   * other protocols over the same pipeline (counterfactual probes).
   */
  public Prepared prepare(
      long owner,
      String dataset,
      EvalOptions options,
      List<EvalRow> rows,
      GraderConfig config,
      boolean includePending) {
    BankDocument ownBank = null;
    List<EvalRow> usable = rows;
    int excluded = 0;
    if (options.bank()) {
      ownBank =
          questions.snapshot(
              owner, rows.stream().map(EvalRow::questionId).distinct().toList(), includePending);
      usable = gradable(rows, ownBank);
      excluded = rows.size() - usable.size();
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
        workspaceId, ownBank == null ? bank(split) : withSeeds(ownBank, split));
    // The learned scorer: in bank mode the configuration's model in the owner's workspace (what
    // live grades use); otherwise a model trained now on this run's seed rows alone.
    ScoringModels.Resolved model =
        (options.bank()
                ? scoring.resolve(owner, config.spec().llm() ? null : config.spec().scorerModel())
                : scoring.retrain(workspaceId))
            .orElse(null);
    return new Prepared(workspaceId, slug, split, ownBank, excluded, model);
  }

  /** Grades one answer to an eval question in a prepared workspace, as its own candidate. */
  public GradeView grade(
      Prepared prepared,
      String questionId,
      String answer,
      String candidateRef,
      GraderConfig config) {
    GradeRequest request =
        new GradeRequest(slugOf(questionId), answer, candidateRef, List.of("eval"));
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
        new GradeRequest(slugOf(questionId), row.answer(), "row-" + index, List.of("eval"));
    return grading.grade(workspaceId, request, null, null, config, model).grade();
  }

  /** Rows whose question is in the bank and whose answer is not itself one of its exemplars. */
  private static List<EvalRow> gradable(List<EvalRow> rows, BankDocument bank) {
    Map<String, Set<String>> exemplarKeys = new HashMap<>();
    for (QuestionSpec q : bank.questions()) {
      exemplarKeys.put(
          q.id(),
          q.exemplars().stream()
              .map(e -> AnswerText.dedupKey(e.text()))
              .collect(Collectors.toSet()));
    }
    return rows.stream()
        .filter(r -> exemplarKeys.containsKey(r.questionId()))
        .filter(r -> !exemplarKeys.get(r.questionId()).contains(AnswerText.dedupKey(r.answer())))
        .toList();
  }

  /** The workspace's questions with the run's seed rows added as exemplars. */
  private static BankDocument withSeeds(BankDocument own, Split split) {
    List<QuestionSpec> specs = new ArrayList<>();
    for (QuestionSpec q : own.questions()) {
      if (!split.graded().containsKey(q.id())) {
        continue;
      }
      List<ExemplarSpec> exemplars = new ArrayList<>(q.exemplars());
      exemplars.addAll(seedExemplars(split.seeds().get(q.id()), q.rubric().scale()));
      specs.add(
          new QuestionSpec(
              slugOf(q.id()), q.title(), q.prompt(), q.area(), q.tags(), q.rubric(), exemplars));
    }
    return new BankDocument(own.areas(), List.of(), null, specs);
  }

  private static List<ExemplarSpec> seedExemplars(List<EvalRow> seeds, int scale) {
    List<ExemplarSpec> out = new ArrayList<>();
    for (int i = 0; i < seeds.size(); i++) {
      EvalRow s = seeds.get(i);
      out.add(
          new ExemplarSpec(
              "seed-" + i,
              Label.forShare(s.normalised()),
              Math.round(s.normalised() * scale * 1000) / 1000.0,
              Map.of(),
              "human score " + s.score() + " of " + s.maxScore(),
              "eval-set",
              s.answer()));
    }
    return out;
  }

  /** The indices of each question's rows, in the order questions first appear. */
  private static Map<String, List<Integer>> rowsOf(List<String> questionOf) {
    Map<String, List<Integer>> rows = new LinkedHashMap<>();
    for (int i = 0; i < questionOf.size(); i++) {
      rows.computeIfAbsent(questionOf.get(i), k -> new ArrayList<>()).add(i);
    }
    return rows;
  }

  /**
   * Every metric per question, with bootstrap intervals over that question's answers (wide where a
   * question has few graded answers, and shown as such).
   */
  private static Map<String, EvalReport.QuestionAgreement> perQuestion(
      List<String> questionOf, double[] p, double[] h, double step, long seed) {
    Map<String, EvalReport.QuestionAgreement> out = new LinkedHashMap<>();
    rowsOf(questionOf)
        .forEach(
            (q, idx) -> {
              double[] qp = idx.stream().mapToDouble(i -> p[i]).toArray();
              double[] qh = idx.stream().mapToDouble(i -> h[i]).toArray();
              out.put(
                  q,
                  new EvalReport.QuestionAgreement(
                      idx.size(),
                      Agreement.mean(qp),
                      Agreement.mean(qh),
                      Agreement.summarise(qp, qh, 1.0, step, BOOTSTRAP, seed)));
            });
    return out;
  }

  /** QWK per question only (for ablations, compared with the grader's per-question QWK). */
  private static Map<String, Double> qwkPerQuestion(
      List<String> questionOf, double[] p, double[] h, double step) {
    Map<String, Double> out = new LinkedHashMap<>();
    int k = Agreement.categoryCount(1.0, step);
    rowsOf(questionOf)
        .forEach(
            (q, idx) ->
                out.put(
                    q,
                    Agreement.qwk(
                        Agreement.categories(
                            idx.stream().mapToDouble(i -> p[i]).toArray(), 1.0, step),
                        Agreement.categories(
                            idx.stream().mapToDouble(i -> h[i]).toArray(), 1.0, step),
                        k)));
    return out;
  }

  private static List<EvalReport.Prediction> predictions(
      List<String> questionOf, double[] p, double[] h, List<Double> words) {
    List<EvalReport.Prediction> out = new ArrayList<>();
    for (int i = 0; i < p.length; i++) {
      out.add(new EvalReport.Prediction(questionOf.get(i), p[i], h[i], words.get(i).intValue()));
    }
    return out;
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

  /**
   * One question per eval question: a generic rubric, the reference answer and the seeds as
   * exemplars.
   */
  static BankDocument bank(Split split) {
    List<QuestionSpec> specs = new ArrayList<>();
    for (Map.Entry<String, List<EvalRow>> q : split.graded().entrySet()) {
      EvalRow first = q.getValue().get(0);
      List<ExemplarSpec> exemplars = new ArrayList<>();
      exemplars.add(
          new ExemplarSpec(
              "reference",
              Label.STRONG,
              (double) SCALE,
              Map.of(),
              "the instructor's reference answer",
              "reference",
              first.referenceAnswer()));
      exemplars.addAll(seedExemplars(split.seeds().get(q.getKey()), SCALE));
      specs.add(
          new QuestionSpec(
              slugOf(q.getKey()),
              truncate(first.question(), 200),
              truncate(first.question(), 5000),
              "eval",
              List.of("eval"),
              rubric(first.referenceAnswer()),
              exemplars));
    }
    AreaSpec area =
        new AreaSpec(
            "eval", "Evaluation set", "Questions loaded from an eval set for a measurement run.");
    return new BankDocument(List.of(area), List.of(), null, specs);
  }

  private static RubricSpec rubric(String reference) {
    return new RubricSpec(
        SCALE,
        List.of(
            new CriterionSpec(
                "correctness",
                "Agrees with the reference answer on what the question asks.",
                0.5,
                new CriterionSpec.Levels(
                    "States what the reference answer states, correctly: "
                        + truncate(reference, 1500),
                    "Gets part of the reference answer right but misses or blurs a key point.",
                    "Contradicts the reference answer or does not answer the question.")),
            new CriterionSpec(
                "completeness",
                "Covers every part of the question.",
                0.3,
                new CriterionSpec.Levels(
                    "Addresses every part the question asks for.",
                    "Addresses the main part and leaves a secondary part out.",
                    "Leaves most of the question unanswered.")),
            new CriterionSpec(
                "precision",
                "Uses the concepts precisely, without wrong additions.",
                0.2,
                new CriterionSpec.Levels(
                    "Precise terms and no incorrect additions.",
                    "Mostly precise with a vague or loose statement.",
                    "Vague, or adds claims that are wrong."))));
  }

  static String slugOf(String questionId) {
    String s =
        questionId
            .toLowerCase(java.util.Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "-")
            .replaceAll("^-|-$", "");
    return truncate("q-" + s, 100);
  }

  private static double majority(List<EvalRow> seeds, double step) {
    Map<Double, Integer> counts = new HashMap<>();
    for (EvalRow r : seeds) {
      counts.merge(Math.round(r.normalised() / step) * step, 1, Integer::sum);
    }
    return counts.entrySet().stream()
        .max(Map.Entry.comparingByValue())
        .map(Map.Entry::getKey)
        .orElse(0.0);
  }

  private static boolean isBinary(double[] scores) {
    Set<Double> values = java.util.Arrays.stream(scores).boxed().collect(Collectors.toSet());
    return Set.of(0.0, 1.0).containsAll(values);
  }

  private static double[] toArray(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
