package dev.assay.grading;

import dev.assay.bank.CriterionSpec;
import dev.assay.bank.RubricSpec;
import dev.assay.exemplar.ExemplarMatch;
import dev.assay.llm.LlmConfig;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The rubric and the shown exemplars as prompt text, in the two layouts the prompt versions use:
 * the full one ({@code {{rubric}}}, {@code {{exemplars}}}: every level descriptor, per-criterion
 * scores by key, a rationale line) and the compact one ({@code {{rubric_compact}}}, {@code
 * {{exemplars_compact}}}: one line per criterion with the top and bottom descriptors, scores in the
 * rubric's order). A template names the layout it wants, so the prompt's hash covers the choice.
 */
final class PromptSections {
  private PromptSections() {}

  /** One placeholder of the user template and how to fill it. */
  enum Section {
    RUBRIC("rubric"),
    RUBRIC_COMPACT("rubric_compact"),
    EXEMPLARS("exemplars"),
    EXEMPLARS_COMPACT("exemplars_compact");

    final String placeholder;

    Section(String placeholder) {
      this.placeholder = placeholder;
    }

    String render(RubricSpec rubric, List<ExemplarMatch> shown, LlmConfig.PromptBudget budget) {
      return switch (this) {
        case RUBRIC -> rubric(rubric);
        case RUBRIC_COMPACT -> compactRubric(rubric);
        case EXEMPLARS -> exemplars(shown, budget);
        case EXEMPLARS_COMPACT -> compactExemplars(rubric, shown, budget);
      };
    }
  }

  private static final String NONE = "(none available for this question)";

  static String rubric(RubricSpec rubric) {
    StringBuilder sb = new StringBuilder();
    for (CriterionSpec c : rubric.criteria()) {
      sb.append(
          String.format("- %s (weight %.2f): %s%n", c.key(), c.weight(), c.description().strip()));
      sb.append("  strong: ").append(c.levels().strong().strip()).append('\n');
      sb.append("  acceptable: ").append(c.levels().acceptable().strip()).append('\n');
      sb.append("  weak: ").append(c.levels().weak().strip()).append('\n');
    }
    return sb.toString().stripTrailing();
  }

  /**
   * One line per criterion: key, weight, and the descriptors of the scale's two ends. The middle
   * descriptor and the description mostly restate them (measured: ~80 of ~330 tokens of a
   * 4-criterion rubric), and the budget is better spent on a scored reference answer.
   */
  static String compactRubric(RubricSpec rubric) {
    return rubric.criteria().stream()
        .map(
            c ->
                String.format(
                    "- %s (weight %.2f) strong: %s weak: %s",
                    c.key(), c.weight(), c.levels().strong().strip(), c.levels().weak().strip()))
        .collect(Collectors.joining("\n"));
  }

  static String exemplars(List<ExemplarMatch> exemplars, LlmConfig.PromptBudget budget) {
    if (exemplars.isEmpty()) {
      return NONE;
    }
    StringBuilder sb = new StringBuilder();
    for (ExemplarMatch e : exemplars) {
      String perCriterion =
          e.criterionScores().entrySet().stream()
              .sorted(Map.Entry.comparingByKey())
              .map(x -> x.getKey() + "=" + x.getValue())
              .collect(Collectors.joining(", "));
      sb.append(
          String.format(
              "<reference id=\"%s\" label=\"%s\" score=\"%.1f\"",
              e.id(), e.label().wire(), e.score()));
      if (!perCriterion.isEmpty()) {
        sb.append(" criterion_scores=\"").append(perCriterion).append('"');
      }
      sb.append(">\n");
      rationale(sb, e, budget);
      sb.append(words(e.text(), budget.exemplarWords())).append("\n</reference>\n");
    }
    return sb.toString().stripTrailing();
  }

  /**
   * Each reference with its per-criterion scores in the rubric's order ({@code scores="4,4,3,4"},
   * "-" where one is missing), or its overall score when it has none.
   */
  static String compactExemplars(
      RubricSpec rubric, List<ExemplarMatch> exemplars, LlmConfig.PromptBudget budget) {
    if (exemplars.isEmpty()) {
      return NONE;
    }
    StringBuilder sb = new StringBuilder();
    for (ExemplarMatch e : exemplars) {
      sb.append("<reference id=\"")
          .append(e.id())
          .append("\" label=\"")
          .append(e.label().wire())
          .append("\" ");
      if (e.criterionScores().isEmpty()) {
        sb.append(String.format("score=\"%.1f\"", e.score()));
      } else {
        String scores =
            rubric.criteria().stream()
                .map(c -> e.criterionScores().get(c.key()))
                .map(s -> s == null ? "-" : s.toString())
                .collect(Collectors.joining(","));
        sb.append("scores=\"").append(scores).append('"');
      }
      sb.append(">\n");
      rationale(sb, e, budget);
      sb.append(words(e.text(), budget.exemplarWords())).append("\n</reference>\n");
    }
    return sb.toString().stripTrailing();
  }

  /** The rationale line, left out when the budget gives rationales no words. */
  private static void rationale(StringBuilder sb, ExemplarMatch e, LlmConfig.PromptBudget budget) {
    if (budget.rationaleWords() > 0) {
      sb.append("why: ").append(words(e.rationale(), budget.rationaleWords())).append('\n');
    }
  }

  /** The first {@code max} words of {@code text}, with an ellipsis when some were left out. */
  static String words(String text, int max) {
    String[] all = text.strip().split("\\s+");
    if (all.length <= max) {
      return text.strip();
    }
    return String.join(" ", Arrays.copyOf(all, max)) + " …";
  }
}
