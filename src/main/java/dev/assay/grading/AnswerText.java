package dev.assay.grading;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Text helpers for answers: normalisation, dedup keys, sentences with offsets, verbatim quotes. */
public final class AnswerText {
  private static final Pattern WHITESPACE = Pattern.compile("[\\s\\u00A0\\u2007\\u202F]+");
  private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}\\s]+");
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['’.-][\\p{L}\\p{N}]+)*");
  // A sentence ends at . ! ? (then whitespace) or at a line break; abbreviations and decimals are
  // protected by requiring the next non-space character to start a new sentence or line.
  private static final Pattern BOUNDARY =
      Pattern.compile("(?<=[.!?])\\s+(?=[\\p{Lu}\\p{N}\"'(\\[-])|\\R+");
  private static final Pattern ABBREVIATION =
      Pattern.compile("(?i)(?:\\b(?:e\\.g|i\\.e|vs|etc|cf|approx|fig|eq|no|dr|mr|ms)\\.)$");

  private AnswerText() {}

  /** NFKC, every whitespace run as one space, stripped. */
  public static String normalise(String text) {
    return WHITESPACE
        .matcher(Normalizer.normalize(text, Normalizer.Form.NFKC))
        .replaceAll(" ")
        .strip();
  }

  /** Lower-case words only, so the same answer with other spacing or punctuation gets one key. */
  public static String dedupKey(String text) {
    String lower = normalise(text).toLowerCase(Locale.ROOT);
    return WHITESPACE.matcher(NOT_WORD.matcher(lower).replaceAll(" ")).replaceAll(" ").strip();
  }

  /** True when the normalised quote is non-empty and occurs in the normalised text. */
  public static boolean containsVerbatim(String haystack, String quote) {
    String q = normalise(quote);
    return !q.isEmpty() && normalise(haystack).contains(q);
  }

  public static int wordCount(String text) {
    Matcher m = WORD.matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  /** A sentence (or line) exactly as it stands in the original text, with its offsets. */
  public record Sentence(String text, int start, int end) {}

  /** Sentences and lines of the text; bullet markers stay with their line. */
  public static List<Sentence> sentences(String text) {
    List<Sentence> out = new ArrayList<>();
    Matcher m = BOUNDARY.matcher(text);
    int from = 0;
    while (m.find()) {
      if (!m.group().contains("\n")
          && !m.group().contains("\r")
          && ABBREVIATION.matcher(text.substring(from, m.start())).find()) {
        continue;
      }
      add(text, from, m.start(), out);
      from = m.end();
    }
    add(text, from, text.length(), out);
    return out;
  }

  private static void add(String text, int start, int end, List<Sentence> out) {
    while (start < end && Character.isWhitespace(text.charAt(start))) {
      start++;
    }
    while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    if (end > start) {
      out.add(new Sentence(text.substring(start, end), start, end));
    }
  }
}
