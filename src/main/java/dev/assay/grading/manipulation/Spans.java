package dev.assay.grading.manipulation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/** Suspect spans merged, and the text a reader sees once they and hidden characters are gone. */
final class Spans {
  private static final Pattern ORPHAN_MARKS =
      Pattern.compile("(?<![\\p{L}\\p{N}\\p{S}\\p{P}\\p{M}])\\p{M}+");
  private static final Pattern UNREADABLE = Pattern.compile("[\\p{Cc}\\uFFFD&&[^\\n\\t\\r]]");
  private static final Pattern SPACES = Pattern.compile("\\p{Zs}");

  private Spans() {}

  /** The spans sorted, overlapping and touching ones joined. */
  static List<Inspection.Span> merge(List<Inspection.Span> spans) {
    List<Inspection.Span> sorted =
        spans.stream().sorted(Comparator.comparingInt(Inspection.Span::start)).toList();
    List<Inspection.Span> out = new ArrayList<>();
    for (Inspection.Span s : sorted) {
      Inspection.Span last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null && s.start() <= last.end()) {
        out.set(out.size() - 1, new Inspection.Span(last.start(), Math.max(last.end(), s.end())));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  /** See {@link ManipulationDetector#visible}. */
  static String visible(String text) {
    String shown = HiddenText.scan(text).visible();
    shown = UNREADABLE.matcher(shown).replaceAll("");
    shown = ORPHAN_MARKS.matcher(shown).replaceAll("");
    return SPACES.matcher(shown).replaceAll(" ");
  }

  /** The answer without the suspect spans and without hidden characters. */
  static String strip(String answer, List<Inspection.Span> spans) {
    StringBuilder out = new StringBuilder(answer.length());
    int at = 0;
    for (Inspection.Span s : merge(spans)) {
      out.append(answer, at, s.start());
      out.append(answer.substring(s.start(), s.end()).indexOf('\n') >= 0 ? "\n" : " ");
      at = s.end();
    }
    out.append(answer.substring(at));
    return visible(out.toString())
        .replaceAll("[ \\t]{2,}", " ")
        .replaceAll("\\n{3,}", "\n\n")
        .strip();
  }
}
