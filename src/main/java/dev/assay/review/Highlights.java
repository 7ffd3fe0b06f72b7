package dev.assay.review;

import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Splits an answer into runs of plain text and of quotes the grader cited, each quote tagged with
 * the criterion it was cited for, so the grade page can highlight it and link it to that criterion.
 * A quote is found case-insensitively; one that is not in the answer (or overlaps an earlier quote)
 * is left unmarked rather than guessed at. The runs always join back to the answer.
 */
final class Highlights {
  private Highlights() {}

  /** A quote the grader cited for a criterion (its position in the page's list of criteria). */
  record Cited(int criterion, String criterionKey, String quote) {}

  /** A run of the answer; {@code criterion} is -1 for text nobody cited. */
  @TemplateData
  record Segment(String text, int criterion, String criterionKey) {
    public boolean cited() {
      return criterion >= 0;
    }

    /** The criterion's number as the page shows it (from 1). */
    public int number() {
      return criterion + 1;
    }
  }

  private record Span(int start, int end, Cited cited) {}

  static List<Segment> of(String answer, List<Cited> quotes) {
    String haystack = answer.toLowerCase(Locale.ROOT);
    List<Span> spans = new ArrayList<>();
    for (Cited c : quotes) {
      String needle = c.quote() == null ? "" : c.quote().strip().toLowerCase(Locale.ROOT);
      // Lower-casing can change a string's length (e.g. 'İ'); then offsets would not line up.
      if (needle.isEmpty() || haystack.length() != answer.length()) {
        continue;
      }
      int at = haystack.indexOf(needle);
      if (at >= 0) {
        spans.add(new Span(at, at + needle.length(), c));
      }
    }
    spans.sort(Comparator.comparingInt(Span::start));
    List<Segment> out = new ArrayList<>();
    int pos = 0;
    for (Span s : spans) {
      if (s.start() < pos) {
        continue;
      }
      if (s.start() > pos) {
        out.add(new Segment(answer.substring(pos, s.start()), -1, null));
      }
      out.add(
          new Segment(
              answer.substring(s.start(), s.end()),
              s.cited().criterion(),
              s.cited().criterionKey()));
      pos = s.end();
    }
    if (pos < answer.length()) {
      out.add(new Segment(answer.substring(pos), -1, null));
    }
    return out;
  }
}
