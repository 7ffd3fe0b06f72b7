package dev.assay.grading.manipulation;

/**
 * One reason to suspect an answer: the kind of attack, the reading it was seen in (for example
 * {@code text}, {@code decoded}, {@code look-alike-letters}) and the words that matched, cut short.
 */
public record Finding(Category category, String source, String evidence) {
  private static final int MAX_EVIDENCE = 160;

  static Finding of(Category category, String source, String evidence) {
    String e = evidence == null ? "" : evidence.strip().replaceAll("\\s+", " ");
    return new Finding(
        category, source, e.length() > MAX_EVIDENCE ? e.substring(0, MAX_EVIDENCE) + "…" : e);
  }
}
