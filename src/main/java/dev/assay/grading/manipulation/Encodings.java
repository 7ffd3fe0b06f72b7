package dev.assay.grading.manipulation;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ways of writing text so that a pattern does not see it but a model still reads it: base64 and hex
 * runs, ROT13, reversed text, letters spelled out with spaces, digits for letters.
 */
final class Encodings {
  private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/_-]{20,}={0,2}");
  private static final Pattern HEX = Pattern.compile("(?:[0-9a-fA-F]{2}[ :]?){12,}");

  /** Four or more single letters, each followed by one to three separators. */
  private static final Pattern SPACED =
      Pattern.compile(
          "(?<![\\p{L}\\p{N}])(?:\\p{L}[ .\\-_*|/·•]{1,3}){3,}\\p{L}(?![\\p{L}\\p{N}])");

  private static final Pattern WORD_GAP = Pattern.compile("\\s{2,}|\\s*[/|]\\s*");
  private static final Pattern SEPARATORS = Pattern.compile("[ .\\-_*·•]");
  private static final Pattern LEET_WORD =
      Pattern.compile("(?<![\\p{L}\\p{N}])[\\p{L}0-9@$]*[013457@$][\\p{L}0-9@$]*");

  private Encodings() {}

  /** Readable text decoded from long base64 or hex runs, one entry per run. */
  static List<String> decodedRuns(String text) {
    List<String> out = new ArrayList<>();
    Matcher b = BASE64.matcher(text);
    while (b.find()) {
      String run = b.group();
      byte[] bytes = base64(run);
      String decoded = bytes == null ? null : readable(bytes);
      if (decoded != null) {
        out.add(decoded);
      }
    }
    Matcher h = HEX.matcher(text);
    while (h.find()) {
      String digits = h.group().replaceAll("[ :]", "");
      if (digits.length() % 2 == 0) {
        String decoded = readable(HexFormat.of().parseHex(digits));
        if (decoded != null) {
          out.add(decoded);
        }
      }
    }
    return out;
  }

  private static byte[] base64(String run) {
    String padded = run.replace('-', '+').replace('_', '/').replace("=", "");
    padded += "=".repeat((4 - padded.length() % 4) % 4);
    try {
      return Base64.getDecoder().decode(padded);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Strict UTF-8 of mostly printable characters with some letters, else null. */
  private static String readable(byte[] bytes) {
    String s;
    try {
      s =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
    long printable = s.codePoints().filter(c -> c >= 0x20 || c == '\n' || c == '\t').count();
    long letters = s.codePoints().filter(Character::isLetter).count();
    return printable >= 0.95 * s.codePointCount(0, s.length()) && letters >= 4 ? s : null;
  }

  /** ROT13 of the ASCII letters. */
  static String rot13(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 'a' && c <= 'z') {
        c = (char) ('a' + (c - 'a' + 13) % 26);
      } else if (c >= 'A' && c <= 'Z') {
        c = (char) ('A' + (c - 'A' + 13) % 26);
      }
      out.append(c);
    }
    return out.toString();
  }

  static String reversed(String text) {
    return new StringBuilder(text).reverse().toString();
  }

  /**
   * Spelled-out letters joined back into words: gaps of two or more spaces or a slash keep a word
   * break; single separators are dropped. Empty when the text has no such run.
   */
  static String despaced(String text) {
    Matcher m = SPACED.matcher(text);
    if (!m.find()) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    int last = 0;
    do {
      out.append(text, last, m.start());
      String run = WORD_GAP.matcher(m.group()).replaceAll("\u0001");
      out.append(SEPARATORS.matcher(run).replaceAll("").replace('\u0001', ' ')).append(' ');
      last = m.end();
    } while (m.find());
    return out.append(text.substring(last)).toString();
  }

  /** Each run of spelled-out letters with every separator removed ("g i v e" as "give"). */
  static List<String> spelledRuns(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = SPACED.matcher(text);
    while (m.find()) {
      out.add(m.group().replaceAll("[^\\p{L}]", ""));
    }
    return out;
  }

  /**
   * Words that mix letters with look-alike digits read as letters ("1gn0r3" as "ignore", "7h15" as
   * "this"). Honest tokens such as "f1" or "s3" change too, harmlessly: only this reading sees it.
   */
  static String unleet(String text) {
    Matcher m = LEET_WORD.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String w = m.group();
      long letters = w.chars().filter(Character::isLetter).count();
      m.appendReplacement(out, Matcher.quoteReplacement(letters >= 1 ? leet(w) : w));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String leet(String w) {
    StringBuilder out = new StringBuilder(w.length());
    for (char c : w.toCharArray()) {
      out.append(
          switch (c) {
            case '0' -> 'o';
            case '1' -> 'i';
            case '3' -> 'e';
            case '4', '@' -> 'a';
            case '5', '$' -> 's';
            case '7' -> 't';
            default -> c;
          });
    }
    return out.toString();
  }
}
