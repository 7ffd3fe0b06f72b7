package dev.assay.grading.manipulation;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Characters a human reader does not see but a model reads: zero-width and other format characters,
 * bidirectional controls, Unicode tag characters (which spell ASCII invisibly) and variation
 * selectors (which can carry bytes after an emoji). Emoji joiners and the selector after an emoji
 * are ordinary and not counted.
 */
final class HiddenText {
  private HiddenText() {}

  /**
   * The text without hidden characters, what the tag characters and variation selectors spell, and
   * how many of each kind there were.
   */
  record Scan(String visible, String tagText, String selectorText, int zeroWidth, int bidi) {
    int tags() {
      return tagText.length();
    }

    /** Enough hidden characters that they are unlikely to come from copy and paste. */
    boolean suspicious() {
      return tags() > 0 || !selectorText.isBlank() || bidi > 0 || zeroWidth >= 3;
    }
  }

  static Scan scan(String text) {
    StringBuilder visible = new StringBuilder(text.length());
    StringBuilder tags = new StringBuilder();
    ByteArrayOutputStream selectors = new ByteArrayOutputStream();
    int zeroWidth = 0;
    int bidi = 0;
    int previous = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int next = i + Character.charCount(cp);
      if (isTag(cp)) {
        // A subdivision flag (black flag + a few tags + cancel tag) is an ordinary emoji.
        if (cp >= 0xE0020 && cp <= 0xE007E && !inFlag(text, i)) {
          tags.append((char) (cp - 0xE0000));
        }
      } else if (isSelector(cp)) {
        if (!isEmojiLike(previous) || cp > 0xFE0F) {
          selectors.write(cp <= 0xFE0F ? cp - 0xFE00 : cp - 0xE0100 + 16);
        }
      } else if (isBidiControl(cp)) {
        bidi++;
      } else if (isInvisible(cp)) {
        boolean emojiJoiner =
            cp == 0x200D
                && isEmojiLike(previous)
                && next < text.length()
                && isEmojiLike(text.codePointAt(next));
        if (!emojiJoiner) {
          zeroWidth++;
        }
      } else {
        visible.appendCodePoint(cp);
      }
      previous = cp;
      i = next;
    }
    // One or two stray selectors (a keycap, a text-style symbol) carry no message.
    String selectorText =
        selectors.size() < 4 ? "" : new String(selectors.toByteArray(), StandardCharsets.UTF_8);
    return new Scan(visible.toString(), tags.toString(), selectorText, zeroWidth, bidi);
  }

  static boolean isTag(int cp) {
    return cp >= 0xE0000 && cp <= 0xE007F;
  }

  private static boolean isSelector(int cp) {
    return (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF);
  }

  /**
   * Embeddings, overrides and isolates that open a run: they reorder what a reader sees. A lone
   * closing pop (U+202C, U+2069) is a copy-and-paste leftover and reorders nothing.
   */
  private static boolean isBidiControl(int cp) {
    return (cp >= 0x202A && cp <= 0x202E && cp != 0x202C) || (cp >= 0x2066 && cp <= 0x2068);
  }

  /** Zero-width and other format characters, soft hyphens, direction marks. */
  static boolean isInvisible(int cp) {
    return cp == 0x00AD
        || cp == 0x034F
        || cp == 0x115F
        || cp == 0x1160
        || cp == 0x3164
        || cp == 0xFFA0
        || Character.getType(cp) == Character.FORMAT;
  }

  private static boolean isEmojiLike(int cp) {
    return cp >= 0x2190 && (Character.getType(cp) == Character.OTHER_SYMBOL || cp >= 0x1F000);
  }

  /** Whether the tag at {@code i} belongs to a flag sequence that starts with U+1F3F4. */
  private static boolean inFlag(String text, int i) {
    int j = i;
    int seen = 0;
    while (j > 0 && seen < 8) {
      int cp = text.codePointBefore(j);
      if (cp == 0x1F3F4) {
        return true;
      }
      if (!isTag(cp)) {
        return false;
      }
      j -= Character.charCount(cp);
      seen++;
    }
    return false;
  }
}
