package dev.assay.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HighlightsTest {
  @Test
  void citedQuotesAreMarkedWithTheirCriterion() {
    List<Highlights.Segment> s =
        Highlights.of(
            "Accuracy hides the rare class, so launch on RECALL at capacity.",
            List.of(
                new Highlights.Cited(1, "metric", "launch on recall"),
                new Highlights.Cited(0, "framing", "accuracy hides the rare class"),
                new Highlights.Cited(2, "other", "not in the answer")));
    assertEquals(
        List.of(
            new Highlights.Segment("Accuracy hides the rare class", 0, "framing"),
            new Highlights.Segment(", so ", -1, null),
            new Highlights.Segment("launch on RECALL", 1, "metric"),
            new Highlights.Segment(" at capacity.", -1, null)),
        s);
  }

  @Test
  void theSegmentsAlwaysJoinBackToTheAnswer() {
    qt().forAll(
            strings().basicLatinAlphabet().ofLengthBetween(0, 80),
            integers().between(0, 79),
            integers().between(0, 20))
        .checkAssert(
            (answer, from, length) -> {
              int start = Math.min(from, answer.length());
              int end = Math.min(answer.length(), start + length);
              List<Highlights.Segment> segments =
                  Highlights.of(
                      answer,
                      List.of(
                          new Highlights.Cited(0, "a", answer.substring(start, end)),
                          new Highlights.Cited(1, "b", answer.substring(0, end))));
              assertEquals(
                  answer,
                  segments.stream().map(Highlights.Segment::text).collect(Collectors.joining()));
            });
  }
}
