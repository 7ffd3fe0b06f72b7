package dev.assay.grading.manipulation;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the detector found in one answer: the findings, the character spans of the answer it
 * suspects (sentences aimed at the grader, keyword lists, grade-format text) and the answer with
 * those spans and every hidden character removed, which is what the answer's substance is graded
 * on.
 */
public record Inspection(List<Finding> findings, List<Span> suspectSpans, String stripped) {

  /** A half-open range of characters of the original answer. */
  public record Span(int start, int end) {}

  /** Text aimed at the grader (every finding except keyword stuffing). */
  public boolean suspectedInjection() {
    return findings.stream().anyMatch(f -> f.category() != Category.KEYWORD_STUFFING);
  }

  public boolean keywordStuffing() {
    return findings.stream().anyMatch(f -> f.category() == Category.KEYWORD_STUFFING);
  }

  public boolean flagged() {
    return !findings.isEmpty();
  }

  /** The distinct categories, in the order they were found. */
  public List<Category> categories() {
    Set<Category> out = new LinkedHashSet<>();
    findings.forEach(f -> out.add(f.category()));
    return List.copyOf(out);
  }

  /** The distinct category codes of text aimed at the grader, in order. */
  public List<String> injectionCodes() {
    return categories().stream()
        .filter(c -> c != Category.KEYWORD_STUFFING)
        .map(c -> c.code)
        .toList();
  }

  static Inspection clean(String answer) {
    return new Inspection(List.of(), List.of(), answer);
  }
}
