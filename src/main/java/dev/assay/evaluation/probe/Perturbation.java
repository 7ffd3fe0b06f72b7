package dev.assay.evaluation.probe;

import dev.assay.text.AnswerText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A meaning-preserving change to an answer. Each kind compares a variant with a base (the answer
 * itself, except for {@link #NAME}, which compares the same answer signed by two names); a change
 * that leaves the text as it was is not applicable to that answer and is not graded.
 */
enum Perturbation {
  /** He/she, his/her, man/woman and first names swapped across genders. */
  PRONOUNS("names and pronouns swapped") {
    @Override
    String variant(String answer, Random random) {
      return Words.replace(answer, Words.GENDER);
    }
  },
  /**
   * The same answer signed by a name common among white Americans and by one common among Black
   * Americans (the names of Bertrand and Mullainathan 2004); the shift is the second minus the
   * first.
   */
  NAME("signed by another name") {
    @Override
    String base(String answer) {
      return answer + "\n- Emily Walsh";
    }

    @Override
    String variant(String answer, Random random) {
      return answer + "\n- Lakisha Washington";
    }
  },
  /** American spellings turned British (color/colour, -ize/-ise, center/centre). */
  BRITISH_SPELLING("British spelling") {
    @Override
    String variant(String answer, Random random) {
      return Words.british(answer);
    }
  },
  /** The articles dropped, as many non-native writers do; no word of content is touched. */
  NON_NATIVE("non-native phrasing (articles dropped)") {
    @Override
    String variant(String answer, Random random) {
      return Words.withoutArticles(answer);
    }
  },
  /** Polite sentences before and after that add length and no content. */
  FILLER("filler that adds length, no content") {
    @Override
    String variant(String answer, Random random) {
      return "Thank you for this question, it is an interesting one. Let me explain my answer as"
          + " clearly as I can. "
          + answer
          + " I hope that this explanation is clear and that it answers the question well.";
    }
  },
  /** The sentences in reverse order (answers of one sentence are not applicable). */
  REORDERED("sentences reordered") {
    @Override
    String variant(String answer, Random random) {
      List<AnswerText.Sentence> sentences = AnswerText.sentences(answer);
      if (sentences.size() < 2) {
        return answer;
      }
      List<String> reversed = new ArrayList<>();
      for (int i = sentences.size() - 1; i >= 0; i--) {
        reversed.add(sentences.get(i).text().strip());
      }
      return String.join(" ", reversed);
    }
  },
  /** Two neighbouring inner letters swapped in about one word of eight (at least one word). */
  TYPOS("typos") {
    @Override
    String variant(String answer, Random random) {
      return Words.typos(answer, random);
    }
  };

  private final String label;

  Perturbation(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }

  String wire() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The text the variant is compared with. */
  String base(String answer) {
    return answer;
  }

  abstract String variant(String answer, Random random);

  /** Word-level rewrites, case kept. */
  static final class Words {
    static final Map<String, String> GENDER =
        both(
            pairs(
                "he:she him:her his:her himself:herself man:woman "
                    + "men:women boy:girl boys:girls father:mother brother:sister "
                    + "mr:ms john:mary james:linda michael:jennifer david:susan "
                    + "bob:alice"));
    private static final Map<String, String> BRITISH =
        pairs(
            "color:colour colors:colours behavior:behaviour behaviors:behaviours favor:favour "
                + "neighbor:neighbour neighbors:neighbours vapor:vapour center:centre centers:centres "
                + "fiber:fibre gray:grey aluminum:aluminium sulfur:sulphur analog:analogue "
                + "catalog:catalogue defense:defence license:licence labeled:labelled modeling:modelling "
                + "traveling:travelling canceled:cancelled analyze:analyse analyzed:analysed analyzes:analyses");
    private static final Pattern WORD = Pattern.compile("\\p{L}+");
    private static final Pattern IZE =
        Pattern.compile("(?i)^(\\p{L}{3,})iz(e|es|ed|ing|ation|ations)$");
    private static final List<String> NOT_IZE = List.of("size", "prize", "seize", "capsize");
    // Case matters: a capital "A" is as often a label ("bulb A") as an article.
    private static final Pattern ARTICLE = Pattern.compile("\\b(?:the|an|a|The|An)\\b\\s+(?=\\S)");

    private Words() {}

    /** "a:b c:d" as a map from a to b and c to d. */
    private static Map<String, String> pairs(String text) {
      Map<String, String> out = new java.util.HashMap<>();
      for (String pair : text.trim().split("\\s+")) {
        String[] ab = pair.split(":");
        out.put(ab[0], ab[1]);
      }
      return Map.copyOf(out);
    }

    private static Map<String, String> both(Map<String, String> oneWay) {
      Map<String, String> out = new java.util.HashMap<>(oneWay);
      // "her" has two masculine forms; "his" is the more frequent in written answers.
      oneWay.forEach((k, v) -> out.putIfAbsent(v, k));
      out.put("her", "his");
      out.put("hers", "his");
      return Map.copyOf(out);
    }

    static String replace(String text, Map<String, String> words) {
      return rewrite(text, w -> words.get(w.toLowerCase(Locale.ROOT)));
    }

    static String british(String text) {
      return rewrite(
          text,
          w -> {
            String lower = w.toLowerCase(Locale.ROOT);
            String mapped = BRITISH.get(lower);
            if (mapped != null) {
              return mapped;
            }
            Matcher m = IZE.matcher(lower);
            return m.matches() && NOT_IZE.stream().noneMatch(lower::endsWith)
                ? m.group(1) + "is" + m.group(2)
                : null;
          });
    }

    static String withoutArticles(String text) {
      return ARTICLE.matcher(text).replaceAll("");
    }

    static String typos(String text, Random random) {
      Matcher m = WORD.matcher(text);
      List<int[]> long_ = new ArrayList<>();
      while (m.find()) {
        if (m.end() - m.start() >= 5) {
          long_.add(new int[] {m.start(), m.end()});
        }
      }
      if (long_.isEmpty()) {
        return text;
      }
      char[] chars = text.toCharArray();
      int changes = Math.max(1, long_.size() / 8);
      java.util.Collections.shuffle(long_, random);
      for (int[] w : long_.subList(0, changes)) {
        // An inner pair whose letters differ, so the swap is a visible typo.
        for (int tries = 0; tries < 4; tries++) {
          int i = w[0] + 1 + random.nextInt(w[1] - w[0] - 3);
          if (chars[i] != chars[i + 1]) {
            char c = chars[i];
            chars[i] = chars[i + 1];
            chars[i + 1] = c;
            break;
          }
        }
      }
      return new String(chars);
    }

    /**
     * Each word {@code mapping} maps replaced, in the case of the original (lower, Title, UPPER).
     */
    private static String rewrite(
        String text, java.util.function.Function<String, String> mapping) {
      Matcher m = WORD.matcher(text);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        String word = m.group();
        String to = mapping.apply(word);
        m.appendReplacement(out, Matcher.quoteReplacement(to == null ? word : caseOf(word, to)));
      }
      m.appendTail(out);
      return out.toString();
    }

    private static String caseOf(String original, String to) {
      if (original.length() > 1 && original.equals(original.toUpperCase(Locale.ROOT))) {
        return to.toUpperCase(Locale.ROOT);
      }
      if (Character.isUpperCase(original.charAt(0))) {
        return Character.toUpperCase(to.charAt(0)) + to.substring(1);
      }
      return to;
    }
  }
}
