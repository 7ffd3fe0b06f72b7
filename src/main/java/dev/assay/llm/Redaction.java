package dev.assay.llm;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Personal data taken out of an answer before an LLM reads it: e-mail addresses, URLs and phone
 * numbers become {@code [email]}, {@code [url]} and {@code [phone]}. Numbers that only look like
 * phone numbers (dates, amounts with thousands separators, versions) are left alone. The stored
 * answer is never changed.
 */
public final class Redaction {
  public static final String EMAIL = "[email]";
  public static final String URL = "[url]";
  public static final String PHONE = "[phone]";

  private static final Pattern EMAIL_PATTERN =
      Pattern.compile("[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.\\p{L}{2,}");
  private static final Pattern URL_PATTERN =
      Pattern.compile("\\b(?:https?://|ftp://|www\\.)[^\\s<>\"'`]+[^\\s<>\"'`.,;:!?)\\]]");
  private static final Pattern PHONE_CANDIDATE =
      Pattern.compile(
          "(?<![\\w.,/+-])(?:\\+\\d{1,3}[\\s.-]?)?(?:\\(\\d{1,4}\\)[\\s.-]?)?\\d{2,5}"
              + "(?:[\\s.-]\\d{2,5}){1,4}(?![\\w/-]|[.,]\\d)");
  private static final Pattern DATE =
      Pattern.compile("\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}|\\d{1,2}[-/.]\\d{1,2}[-/.]\\d{2,4}");
  private static final Pattern THOUSANDS = Pattern.compile("\\d{1,3}(?:[ .,]\\d{3})+");

  private Redaction() {}

  public static String redact(String text) {
    String noEmail = EMAIL_PATTERN.matcher(text).replaceAll(Matcher.quoteReplacement(EMAIL));
    String noUrl = URL_PATTERN.matcher(noEmail).replaceAll(Matcher.quoteReplacement(URL));
    Matcher m = PHONE_CANDIDATE.matcher(noUrl);
    StringBuilder out = new StringBuilder(noUrl.length());
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(phone(m.group()) ? PHONE : m.group()));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Seven to fifteen digits, and not a date or a grouped amount (unless it starts with +). */
  private static boolean phone(String candidate) {
    long digits = candidate.chars().filter(Character::isDigit).count();
    if (digits < 7 || digits > 15) {
      return false;
    }
    if (candidate.startsWith("+") || candidate.startsWith("(")) {
      return true;
    }
    return !DATE.matcher(candidate).matches() && !THOUSANDS.matcher(candidate).matches();
  }
}
