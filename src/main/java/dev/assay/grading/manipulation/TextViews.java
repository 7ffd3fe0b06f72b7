package dev.assay.grading.manipulation;

import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The readings of an answer that the phrase rules are matched against, as a model would read it:
 * Unicode NFKC, hidden characters removed, look-alike letters mapped to ASCII, accents removed,
 * lower case; plus what hidden characters spell, decoded base64 and hex runs, spelled-out letters
 * joined, digits read as letters, ROT13 and reversed text. Each reading has a source name so a
 * finding can say where it was seen. A reading identical to an earlier one is left out.
 */
final class TextViews {
  static final String TEXT = "text";
  static final String HIDDEN = "hidden-characters";
  static final String DECODED = "decoded";
  static final String DESPACED = "spaced-letters";
  static final String UNLEET = "digits-for-letters";
  static final String TYPOS = "misspellings";
  static final String LOOK_ALIKES = "look-alike-letters";
  static final String ROT13 = "rot13";
  static final String REVERSED = "reversed";

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern HORIZONTAL_SPACE =
      Pattern.compile("[\\h\\x0B\\f]+", Pattern.UNICODE_CHARACTER_CLASS);

  private TextViews() {}

  /** One reading: where it comes from and the folded text. */
  record View(String source, String text) {}

  /** All readings of {@code text} and the signals found while making them. */
  record Readings(List<View> views, HiddenText.Scan hidden, int mixedScriptWords) {}

  static Readings of(String text) {
    HiddenText.Scan hidden = HiddenText.scan(text);
    String visible = Normalizer.normalize(hidden.visible(), Normalizer.Form.NFKC);
    Confusables.Result latin = Confusables.map(visible);
    Map<String, View> views = new LinkedHashMap<>();
    String plain = fold(visible);
    String mapped = fold(latin.text());
    add(views, TEXT, plain);
    add(views, LOOK_ALIKES, mapped);
    add(views, UNLEET, fold(Encodings.unleet(latin.text())));
    add(views, TYPOS, Typos.corrected(mapped));
    add(views, DESPACED, fold(Encodings.despaced(latin.text())));
    add(views, ROT13, Encodings.rot13(mapped));
    add(views, REVERSED, Encodings.reversed(mapped));
    add(views, HIDDEN, fold(hidden.tagText() + "\n" + hidden.selectorText()));
    List<String> decoded = Encodings.decodedRuns(visible);
    decoded.addAll(Encodings.decodedRuns(hidden.tagText()));
    add(views, DECODED, fold(String.join("\n", decoded)));
    return new Readings(List.copyOf(views.values()), hidden, latin.mixedWords());
  }

  /** Adds a reading unless it is empty or the same as one already there. */
  private static void add(Map<String, View> views, String source, String text) {
    if (text.isBlank()) {
      return;
    }
    boolean seen = views.values().stream().anyMatch(v -> v.text().equals(text));
    if (!seen) {
      views.put(source, new View(source, text));
    }
  }

  /** NFKC, accents and other marks removed, lower case, typographic quotes as ASCII. */
  static String fold(String text) {
    String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC);
    String lower = stripMarks(nfkc).toLowerCase(Locale.ROOT);
    String quotes =
        lower
            .replace('\u2019', '\'')
            .replace('\u2018', '\'')
            .replace('\u201C', '"')
            .replace('\u201D', '"')
            .replace('\u00AB', '"')
            .replace('\u00BB', '"');
    return HORIZONTAL_SPACE.matcher(quotes).replaceAll(" ");
  }

  /** Canonical decomposition without combining marks: "é" reads as "e", "й" as "и". */
  static String stripMarks(String text) {
    return MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
  }
}
