package dev.assay.platform;

/**
 * Whether a text can be stored and read back unchanged: PostgreSQL rejects U+0000 in text and
 * jsonb, other control characters (except tab, line feed, carriage return) have no place in
 * answers, names or ids, and a lone surrogate would be written as "?" (the text would change).
 */
public final class StorableText {
  private StorableText() {}

  /** Why {@code text} cannot be stored, or null when it can. */
  public static String problem(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0) {
        return "must not contain the NUL character (U+0000)";
      }
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F)) {
        return String.format("must not contain control characters (U+%04X)", (int) c);
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
          continue;
        }
        return "must be valid Unicode (a lone surrogate was found)";
      }
      if (Character.isLowSurrogate(c)) {
        return "must be valid Unicode (a lone surrogate was found)";
      }
    }
    return null;
  }
}
