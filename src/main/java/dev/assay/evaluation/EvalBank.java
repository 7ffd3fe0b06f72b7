package dev.assay.evaluation;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.bank.AreaSpec;
import dev.assay.bank.BankDocument;
import dev.assay.bank.CriterionSpec;
import dev.assay.bank.QuestionSpec;
import dev.assay.bank.RubricSpec;
import dev.assay.exemplar.ExemplarSpec;
import dev.assay.exemplar.Label;
import dev.assay.text.AnswerText;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The question bank an evaluation run grades against: for a plain eval set one question per eval
 * question with the generic rubric ({@code evaluation/generic-rubric.json}, its strong correctness
 * level quoting the reference answer), the reference as a strong exemplar and the seed rows as
 * exemplars; in bank mode the workspace's own questions with the seed rows added.
 */
@ApplicationScoped
public class EvalBank {
  static final int SCALE = 4;
  static final String GENERIC_RUBRIC = "evaluation/generic-rubric.json";

  private final RubricSpec generic;

  EvalBank(ObjectMapper json) {
    try (InputStream in =
        Thread.currentThread().getContextClassLoader().getResourceAsStream(GENERIC_RUBRIC)) {
      if (in == null) {
        throw new IllegalStateException(GENERIC_RUBRIC + " is missing from the class path");
      }
      this.generic = json.readValue(in, RubricSpec.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + GENERIC_RUBRIC, e);
    }
  }

  /**
   * One question per eval question: a generic rubric, the reference answer and the seeds as
   * exemplars.
   */
  BankDocument bank(EvalSplit split) {
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

  /** The generic rubric with the question's reference answer quoted where the file says so. */
  RubricSpec rubric(String reference) {
    String quoted = truncate(reference, 1500);
    return new RubricSpec(
        generic.scale(),
        generic.criteria().stream()
            .map(
                c ->
                    new CriterionSpec(
                        c.key(),
                        c.description(),
                        c.weight(),
                        new CriterionSpec.Levels(
                            c.levels().strong().replace("{reference}", quoted),
                            c.levels().acceptable(),
                            c.levels().weak()),
                        c.hint()))
            .toList());
  }

  /** Rows whose question is in the bank and whose answer is not itself one of its exemplars. */
  static List<EvalRow> gradable(List<EvalRow> rows, BankDocument bank) {
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
  static BankDocument withSeeds(BankDocument own, EvalSplit split) {
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

  /** The bank slug of an eval set's question id. */
  public static String slugOf(String questionId) {
    String s =
        questionId
            .toLowerCase(java.util.Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "-")
            .replaceAll("^-|-$", "");
    return truncate("q-" + s, 100);
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
