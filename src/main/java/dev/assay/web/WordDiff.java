package dev.assay.web;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Two texts compared word by word (java-diff-utils, Myers' algorithm): runs of words kept, removed
 * and added, in reading order, so a page can print the new text with what changed struck through
 * and underlined. Whitespace differences alone are not changes.
 */
@TemplateData
public record WordDiff(List<Run> runs) {

  /** What happened to a run of words. */
  public enum Kind {
    KEPT,
    REMOVED,
    ADDED
  }

  /** Consecutive words with the same fate. */
  @TemplateData
  public record Run(Kind kind, String text) {
    public boolean added() {
      return kind == Kind.ADDED;
    }

    public boolean removed() {
      return kind == Kind.REMOVED;
    }
  }

  /** The diff from {@code before} to {@code after}; null is read as no text. */
  public static WordDiff of(String before, String after) {
    List<String> a = words(before);
    List<String> b = words(after);
    List<Run> runs = new ArrayList<>();
    int kept = 0;
    for (AbstractDelta<String> delta : DiffUtils.diff(a, b).getDeltas()) {
      int at = delta.getSource().getPosition();
      add(runs, Kind.KEPT, a.subList(kept, at));
      add(runs, Kind.REMOVED, delta.getSource().getLines());
      add(runs, Kind.ADDED, delta.getTarget().getLines());
      kept = at + delta.getSource().size();
    }
    add(runs, Kind.KEPT, a.subList(kept, a.size()));
    return new WordDiff(List.copyOf(runs));
  }

  /** Whether anything was removed or added. */
  public boolean changed() {
    return runs.stream().anyMatch(r -> r.kind() != Kind.KEPT);
  }

  private static void add(List<Run> runs, Kind kind, List<String> words) {
    if (!words.isEmpty()) {
      runs.add(new Run(kind, String.join(" ", words)));
    }
  }

  private static List<String> words(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    return Arrays.asList(text.strip().split("\\s+"));
  }
}
