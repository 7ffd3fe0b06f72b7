package dev.assay.support;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Words and word runs of a text as the leak checks compare them (lower-case, letters and digits
 * only), computed here independently of the service.
 */
public final class Words {
  private Words() {}

  public static List<String> of(String text) {
    List<String> out = new ArrayList<>();
    for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (!w.isEmpty()) {
        out.add(w);
      }
    }
    return out;
  }

  /** Every run of {@code length} consecutive words of the text. */
  public static Set<String> runs(String text, int length) {
    List<String> w = of(text);
    Set<String> out = new HashSet<>();
    for (int i = 0; i + length <= w.size(); i++) {
      out.add(String.join(" ", w.subList(i, i + length)));
    }
    return out;
  }
}
