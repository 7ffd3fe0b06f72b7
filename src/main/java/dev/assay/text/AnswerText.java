package dev.assay.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Text helpers for candidate answers: normalisation for verbatim-quote checks, a key for spotting
 * the same answer submitted twice, sentence splitting with offsets into the original text, and word
 * counts. All methods reject {@code null}.
 */
public final class AnswerText {
  private static final Pattern WHITESPACE =
      Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

  /** Initialisms written with inner dots: e.g, i.e, a.k.a, w.r.t, U.S. */
  private static final Pattern DOTTED_INITIALS = Pattern.compile("\\p{L}(?:\\.\\p{L})+");

  /** A list marker's number or letter: {@code 1.}, {@code b.}, {@code iv.}. */
  private static final Pattern LIST_ORDINAL = Pattern.compile("\\d{1,3}|\\p{L}|[ivxIVX]{1,4}");

  private static final Set<String> ABBREVIATIONS =
      Set.of(
          "vs", "cf", "viz", "approx", "incl", "excl", "resp", "al", "fig", "figs", "eq", "eqs",
          "dr", "mr", "mrs", "ms", "prof", "st", "jr", "sr", "ca", "esp");

  private AnswerText() {}

  /** One sentence or line of an answer; {@code original.substring(start, end).equals(text)}. */
  public record Sentence(String text, int start, int end) {}

  /**
   * NFKC, every whitespace run (including no-break spaces and line breaks) as one space, stripped.
   */
  public static String normalise(String text) {
    String nfkc = Normalizer.normalize(Objects.requireNonNull(text, "text"), Normalizer.Form.NFKC);
    return WHITESPACE.matcher(nfkc).replaceAll(" ").strip();
  }

  /**
   * {@link #normalise} lower-cased, without punctuation except inside words ({@code don't}, {@code
   * 0.91}, {@code node.js} keep theirs). Mathematical and currency symbols stay, because {@code x >
   * 0} and {@code x < 0} are different answers.
   */
  public static String dedupKey(String text) {
    String folded = normalise(text).toLowerCase(Locale.ROOT);
    StringBuilder key = new StringBuilder(folded.length());
    int[] cps = folded.codePoints().map(AnswerText::foldTypography).toArray();
    int i = 0;
    while (i < cps.length) {
      if (!isDroppable(cps[i])) {
        key.appendCodePoint(cps[i++]);
        continue;
      }
      int runEnd = i;
      while (runEnd < cps.length && isDroppable(cps[runEnd])) {
        runEnd++;
      }
      // A punctuation run is kept whole when a letter or digit touches it on both sides.
      if (i > 0
          && runEnd < cps.length
          && Character.isLetterOrDigit(cps[i - 1])
          && Character.isLetterOrDigit(cps[runEnd])) {
        key.append(new String(cps, i, runEnd - i));
      }
      i = runEnd;
    }
    return WHITESPACE.matcher(key).replaceAll(" ").strip();
  }

  /**
   * Sentences and lines of {@code text}, in order, stripped and non-empty. A sentence ends at a
   * line break, or at {@code . ! ?} (plus closing quotes or brackets) followed by whitespace,
   * except after abbreviations ({@code e.g.}, {@code vs.}) and list markers ({@code 1. }) at a line
   * start.
   */
  public static List<Sentence> sentences(String text) {
    Objects.requireNonNull(text, "text");
    List<Sentence> out = new ArrayList<>();
    int pieceStart = 0;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (isLineBreak(c)) {
        addStripped(text, pieceStart, i, out);
        pieceStart = ++i;
      } else if (isTerminator(c)) {
        int runEnd = i;
        while (runEnd < text.length() && isTerminator(text.charAt(runEnd))) {
          runEnd++;
        }
        int end = runEnd;
        while (end < text.length() && isCloser(text.charAt(end))) {
          end++;
        }
        boolean followedBySpace = end == text.length() || isSpace(text.charAt(end));
        if (followedBySpace && !(runEnd - i == 1 && c == '.' && isNotSentenceEnd(text, i, end))) {
          addStripped(text, pieceStart, end, out);
          pieceStart = end;
        }
        i = end;
      } else {
        i++;
      }
    }
    addStripped(text, pieceStart, text.length(), out);
    return List.copyOf(out);
  }

  /** True when the normalised quote is non-empty and occurs in the normalised haystack. */
  public static boolean containsVerbatim(String haystack, String quote) {
    String needle = normalise(quote);
    return !needle.isEmpty() && normalise(haystack).contains(needle);
  }

  /**
   * Runs of letters and digits, with inner punctuation kept in the word ({@code state-of-the-art}
   * is one). Each CJK ideograph counts as a word, since those scripts do not separate words.
   */
  /** The distinct lower-cased words (letters and digits) of a text. */
  public static Set<String> wordSet(String text) {
    return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
        .filter(w -> !w.isEmpty())
        .collect(Collectors.toSet());
  }

  /** Jaccard similarity of two word sets (0 when both are empty). */
  public static double jaccard(Set<String> a, Set<String> b) {
    if (a.isEmpty() && b.isEmpty()) {
      return 0;
    }
    Set<String> union = new HashSet<>(a);
    union.addAll(b);
    Set<String> both = new HashSet<>(a);
    both.retainAll(b);
    return (double) both.size() / union.size();
  }

  public static int wordCount(String text) {
    Objects.requireNonNull(text, "text");
    int count = 0;
    boolean inWord = false;
    for (int cp : text.codePoints().toArray()) {
      if (Character.isIdeographic(cp)) {
        count++;
        inWord = false;
      } else if (Character.isLetterOrDigit(cp)) {
        count += inWord ? 0 : 1;
        inWord = true;
      } else if (isSpace(cp)) {
        inWord = false;
      }
    }
    return count;
  }

  /** The dot at {@code dot} closes an abbreviation or a line-start list marker. */
  private static boolean isNotSentenceEnd(String text, int dot, int after) {
    int tokenStart = dot;
    while (tokenStart > 0
        && (Character.isLetterOrDigit(text.charAt(tokenStart - 1))
            || text.charAt(tokenStart - 1) == '.')) {
      tokenStart--;
    }
    String token = text.substring(tokenStart, dot);
    if (token.isEmpty()) {
      return false;
    }
    String lower = token.toLowerCase(Locale.ROOT);
    if (DOTTED_INITIALS.matcher(token).matches() || ABBREVIATIONS.contains(lower)) {
      return true;
    }
    if (lower.equals("etc")) {
      // "etc." ends a sentence only when a capitalised one follows.
      int next = after;
      while (next < text.length() && isSpace(text.charAt(next))) {
        next++;
      }
      return next < text.length() && !Character.isUpperCase(text.charAt(next));
    }
    return LIST_ORDINAL.matcher(token).matches() && onlyBulletBefore(text, tokenStart);
  }

  private static boolean onlyBulletBefore(String text, int index) {
    for (int i = index - 1; i >= 0 && !isLineBreak(text.charAt(i)); i--) {
      char c = text.charAt(i);
      if (!isSpace(c) && "-*+•(".indexOf(c) < 0) {
        return false;
      }
    }
    return true;
  }

  private static void addStripped(String text, int from, int to, List<Sentence> out) {
    while (from < to && isSpace(text.charAt(from))) {
      from++;
    }
    while (to > from && isSpace(text.charAt(to - 1))) {
      to--;
    }
    if (from < to) {
      out.add(new Sentence(text.substring(from, to), from, to));
    }
  }

  private static boolean isDroppable(int cp) {
    return switch (Character.getType(cp)) {
      case Character.CONNECTOR_PUNCTUATION,
          Character.DASH_PUNCTUATION,
          Character.START_PUNCTUATION,
          Character.END_PUNCTUATION,
          Character.INITIAL_QUOTE_PUNCTUATION,
          Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION,
          Character.MODIFIER_SYMBOL ->
          true;
      default -> false;
    };
  }

  /** Typographic apostrophes and hyphens count as ASCII, so "don’t" keys as "don't". */
  private static int foldTypography(int cp) {
    return switch (cp) {
      case '\u2018', '\u2019', '\u02BC' -> '\'';
      case '\u2010', '\u2011' -> '-';
      default -> cp;
    };
  }

  private static boolean isTerminator(char c) {
    return c == '.' || c == '!' || c == '?';
  }

  private static boolean isCloser(char c) {
    return ")]}\"'’”»".indexOf(c) >= 0;
  }

  private static boolean isLineBreak(char c) {
    return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
  }

  private static boolean isSpace(int cp) {
    return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == '\u0085';
  }
}
