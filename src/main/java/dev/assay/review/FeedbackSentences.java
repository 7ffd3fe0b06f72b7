package dev.assay.review;

import dev.assay.bank.CriterionSpec;
import dev.assay.grading.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes a candidate's feedback on one criterion from three things only: the criterion's effective
 * score, the grader's citations for that criterion, and the rubric. A strength needs both a score
 * well above the acceptable level and a quote the grader cited as evidence for this criterion, and
 * it quotes it; an unaddressed criterion is said to be unaddressed. Unless the workspace allows it,
 * nothing here quotes a level descriptor: the strong one is the answer key of a reused question, so
 * the standing is said in plain words and the next step is the criterion's hint.
 */
final class FeedbackSentences {
  /** Quotes longer than this are cut at a word boundary, so a strength stays readable. */
  static final int QUOTE_MAX = 300;

  /**
   * A strength is named only from this share of the scale up (3 of 4), not from the acceptable
   * level: per-criterion scores are less certain than the overall one, and telling a candidate a
   * criterion went well when a person scored it low is the worse error. On the gold set, strengths
   * listed from the acceptable level fell on criteria the author scored 2 or more 92% of the time;
   * from this share, 96%.
   */
  static final double STRENGTH_SHARE = 0.75;

  private FeedbackSentences() {}

  /** Where an answer stands on a criterion, from its effective score and the grader's evidence. */
  enum Standing {
    /** At most a quarter of the scale and nothing cited for it: the answer did not address it. */
    UNADDRESSED,
    /** Below the acceptable level (half the scale). */
    NOT_YET,
    /** At or above the acceptable level, below the top. */
    PARTLY,
    /** The top of the scale. */
    FULLY;

    static Standing of(double score, int scale, boolean cited) {
      if (score >= scale) {
        return FULLY;
      }
      if (score >= scale / 2.0) {
        return PARTLY;
      }
      return score <= scale / 4.0 && !cited ? UNADDRESSED : NOT_YET;
    }
  }

  /** One criterion's sentences, before the leak check. */
  record Sentences(List<String> strengths, List<String> gaps, List<String> nextSteps) {}

  static Sentences write(
      CriterionSpec criterion,
      double score,
      int scale,
      List<Verdict.Citation> citations,
      boolean quoteDescriptors) {
    Standing standing = Standing.of(score, scale, !citations.isEmpty());
    String topic = topic(criterion.description());
    List<String> strengths = new ArrayList<>();
    List<String> gaps = new ArrayList<>();
    List<String> next = new ArrayList<>();
    if (score >= STRENGTH_SHARE * scale) {
      evidence(citations)
          .ifPresent(
              q ->
                  strengths.add(
                      "On "
                          + topic
                          + ", your answer earns credit, for example where you wrote: \u201c"
                          + q
                          + "\u201d"));
    }
    switch (standing) {
      case UNADDRESSED -> gaps.add("Your answer did not address this criterion: " + topic + ".");
      case NOT_YET ->
          gaps.add(
              "Where your answer stands now: "
                  + (quoteDescriptors
                      ? criterion.levels().weak().strip()
                      : "touched on, but not yet addressed."));
      case PARTLY ->
          gaps.add(
              "Where your answer stands now: "
                  + (quoteDescriptors
                      ? criterion.levels().acceptable().strip()
                      : "partly addressed, with room to go further."));
      case FULLY -> {}
    }
    if (standing != Standing.FULLY) {
      next.add(criterion.hint() != null ? criterion.hint() : "Say more about " + topic + ".");
      if (quoteDescriptors) {
        next.add("What a strong answer does here: " + criterion.levels().strong().strip());
      }
    }
    return new Sentences(strengths, gaps, next);
  }

  /**
   * The first of the candidate's own words the grader cited as evidence for this criterion (a
   * citation without an exemplar); citations tied to an exemplar say what the answer resembles, not
   * what it did.
   */
  static Optional<String> evidence(List<Verdict.Citation> citations) {
    return citations.stream()
        .filter(c -> c.exemplarId() == null && c.quote() != null && !c.quote().isBlank())
        .map(c -> shortened(c.quote().strip().replaceAll("\\s+", " ")))
        .findFirst();
  }

  private static String shortened(String quote) {
    if (quote.length() <= QUOTE_MAX) {
      return quote;
    }
    int cut = quote.lastIndexOf(' ', QUOTE_MAX - 1);
    return quote.substring(0, cut > 0 ? cut : QUOTE_MAX - 1).strip() + "\u2026";
  }

  /**
   * The criterion's description as a phrase inside a sentence: without its final full stop, and
   * lower-cased at the start unless it opens with an acronym.
   */
  static String topic(String description) {
    String t = description.strip();
    if (t.endsWith(".")) {
      t = t.substring(0, t.length() - 1);
    }
    boolean acronym = t.length() > 1 && Character.isUpperCase(t.charAt(1));
    return t.isEmpty() || acronym ? t : Character.toLowerCase(t.charAt(0)) + t.substring(1);
  }
}
