package dev.assay.text;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import opennlp.tools.stemmer.PorterStemmer;

/**
 * The words of a text that carry content: lower-cased, without function words, Porter-stemmed (so
 * {@code thresholds} and {@code threshold} match). Used to measure how much of a reference answer's
 * content an answer covers, with the question's own words set aside, since repeating the question
 * earns nothing.
 */
public final class ContentWords {
  private static final Set<String> FUNCTION_WORDS =
      Set.of(
          ("a about above after again against all also am an and any are as at be because "
                  + "been before being below between both but by can could did do does doing down "
                  + "during each few for from further get gets got had has have having he her here "
                  + "hers herself him himself his how i if in into is it its itself just like made "
                  + "make makes may me might more most must my myself no nor not of off on once one "
                  + "only or other our ours ourselves out over own same shall she should so some such "
                  + "than that the their theirs them themselves then there these they this those "
                  + "through to too two under until up use used using very was we were what when "
                  + "where which while who whom why will with would you your yours yourself "
                  + "yourselves")
              .split(" "));

  private ContentWords() {}

  /** Stemmed content words of {@code text}: words of two or more characters, no function words. */
  public static Set<String> of(String text) {
    PorterStemmer stemmer = new PorterStemmer(); // keeps state between calls: one per call
    return words(text)
        .filter(w -> w.length() > 1 && !FUNCTION_WORDS.contains(w))
        .map(stemmer::stem)
        .collect(Collectors.toCollection(HashSet::new));
  }

  /** Whether {@code word} (lower case) is a function word such as "the", "is" or "because". */
  public static boolean isFunctionWord(String word) {
    return FUNCTION_WORDS.contains(word);
  }

  /** Lower-cased words of letters and digits, with inner apostrophes kept ({@code don't}). */
  public static java.util.stream.Stream<String> words(String text) {
    return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}']+"))
        .map(w -> w.replaceAll("^'+|'+$", ""))
        .filter(w -> !w.isEmpty());
  }
}
