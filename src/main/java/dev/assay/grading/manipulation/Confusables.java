package dev.assay.grading.manipulation;

import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.SpoofChecker;
import java.text.Normalizer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Look-alike letters mapped to the ASCII letters they imitate, through the confusable skeletons of
 * Unicode TR39 (ICU4J's {@link SpoofChecker}). Only letters outside ASCII whose skeleton is ASCII
 * are mapped: Cyrillic "о" becomes "o", but accented Latin letters, Greek maths symbols and
 * ordinary ASCII text stay as they are (the raw skeleton would also turn "m" into "rn").
 */
final class Confusables {
  private static final SpoofChecker CHECKER =
      new SpoofChecker.Builder().setChecks(SpoofChecker.CONFUSABLE).build();
  private static final Map<Integer, String> CACHE = new ConcurrentHashMap<>();

  private Confusables() {}

  /** The text with look-alikes replaced, and how many words mixed them with ASCII letters. */
  record Result(String text, int mixedWords) {}

  static Result map(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int mixedWords = 0;
    boolean wordHasAscii = false;
    boolean wordHasMapped = false;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (!Character.isLetterOrDigit(cp)) {
        mixedWords += wordHasAscii && wordHasMapped ? 1 : 0;
        wordHasAscii = false;
        wordHasMapped = false;
        out.appendCodePoint(cp);
        continue;
      }
      String mapped = cp < 128 ? null : ascii(cp);
      if (mapped == null) {
        wordHasAscii |= cp < 128;
        out.appendCodePoint(cp);
      } else {
        wordHasMapped = true;
        out.append(mapped);
      }
    }
    mixedWords += wordHasAscii && wordHasMapped ? 1 : 0;
    return new Result(out.toString(), mixedWords);
  }

  /** The ASCII letters {@code cp} imitates, or null when it is not a look-alike of ASCII. */
  private static String ascii(int cp) {
    String cached = CACHE.computeIfAbsent(cp, Confusables::lookUp);
    return cached.isEmpty() ? null : cached;
  }

  private static String lookUp(int cp) {
    String ch = new String(Character.toChars(cp));
    if (UScript.getScript(cp) == UScript.LATIN) {
      // An accented Latin letter is a letter of its language, not a disguise.
      String base = Normalizer.normalize(ch, Normalizer.Form.NFD);
      if (base.charAt(0) < 128) {
        return "";
      }
    }
    String skeleton = CHECKER.getSkeleton(ch);
    if (skeleton.isEmpty() || skeleton.length() > 2) {
      return "";
    }
    for (int k = 0; k < skeleton.length(); k++) {
      char c = skeleton.charAt(k);
      if (c >= 128 || !Character.isLetterOrDigit(c)) {
        return "";
      }
    }
    return skeleton;
  }
}
