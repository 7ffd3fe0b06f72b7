package dev.assay.grading.manipulation;

import dev.assay.bank.CriterionSpec;
import dev.assay.bank.RubricSpec;
import dev.assay.text.AnswerText;
import jakarta.enterprise.context.ApplicationScoped;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds text in an answer that is aimed at the grader rather than at the question, and the spans to
 * leave out when the answer's substance is graded. It reads the answer the way a model would
 * ({@link TextViews}: normalised, hidden characters and look-alike letters resolved, encodings
 * decoded), matches phrase rules in several languages, compares each sentence's meaning with a
 * library of attack intents ({@link IntentLibrary}) and measures keyword stuffing against the
 * rubric's terms. A finding is a reason for review, not proof: answers about prompt injection
 * itself can quote these phrases.
 */
@ApplicationScoped
public class ManipulationDetector {
  private static final List<Rule> RULES = rules();
  private static final Pattern SQUASHED =
      Pattern.compile(
          "(?:ignore|disregard|forget|override|bypass)(?:all|any|the|your|of)*(?:previous|prior|"
              + "above|earlier|system|grading)?(?:instructions?|rules|prompts?|rubric|guidelines|"
              + "criteria)|(?:give|award|assign|grant)\\w{0,14}(?:full|maximum|max|perfect|top|"
              + "highest)(?:possible)?(?:scores?|marks?|points?|grades?|credit)|score|marks|grade|"
              + "rubric|youarenow|systemprompt|instructions");
  private static final Pattern ORPHAN_MARKS =
      Pattern.compile("(?<![\\p{L}\\p{N}\\p{S}\\p{P}\\p{M}])\\p{M}+");
  private static final Pattern UNREADABLE = Pattern.compile("[\\p{Cc}\\uFFFD&&[^\\n\\t\\r]]");
  private static final Pattern SPACES = Pattern.compile("\\p{Zs}");

  /**
   * A sentence aimed at the grader names the grading, the answer, the reader or a plea; one with
   * none of these words is not compared with the attack intents (which saves embedding it).
   */
  private static final Pattern GRADER_WORDS =
      Pattern.compile(
          "\\b(?:you|your|yours|grad(?:e|ed|er|ers|ing)|scor(?:e|ed|es|ing)|marks?|marked|marking|"
              + "rubrics?|criteri(?:a|on)|instructions?|prompts?|references?|exemplars?|answers?|"
              + "responses?|submissions?|deserv\\w*|approv\\w*|verified|authori[sz]\\w*|please|"
              + "generous\\w*|lenien\\w*|kind(?:ly)?|merc\\w*|rat(?:e|ed|ing|ings)|points?|credit|"
              + "evaluat\\w*|examin\\w*|assess\\w*|reviewers?|panel|interviewers?|recruiters?|"
              + "hiring|candidates?|pass(?:ed)?|full|maximum|perfect\\w*|flawless|exemplary|top|"
              + "highest|ai|llm|model)\\b");

  private static final int MIN_SENTENCE_WORDS = 4;
  private static final int MAX_WINDOW = 4;
  private static final int SHORT_SENTENCE_WORDS = 8;
  private static final Pattern SECOND_PERSON =
      Pattern.compile(
          "\\b(?:you|your|yours)\\b|^[\\W_]*(?:now|then|so|take|use|do|follow|apply|remember|note|"
              + "combine|read|decode|continue|treat|make)\\b");
  private static final int MIN_MIXED_SCRIPT_WORDS = 3;

  private final IntentLibrary intents;

  ManipulationDetector(IntentLibrary intents) {
    this.intents = intents;
  }

  /**
   * What the detector knows of the question: the terms of its text and rubric, and each criterion's
   * own terms (those not shared by every criterion).
   */
  public record Context(Set<String> terms, List<Set<String>> criteria) {
    public static Context of(String question, RubricSpec rubric) {
      StringBuilder text = new StringBuilder(question);
      List<Set<String>> criteria = new ArrayList<>();
      for (CriterionSpec c : rubric.criteria()) {
        String own = c.description() + "\n" + c.levels().strong() + "\n" + c.levels().acceptable();
        text.append('\n').append(own);
        criteria.add(new HashSet<>(KeywordStuffing.terms(own)));
      }
      Set<String> common = new HashSet<>(criteria.get(0));
      criteria.forEach(common::retainAll);
      criteria.forEach(c -> c.removeAll(common));
      return new Context(KeywordStuffing.terms(text.toString()), List.copyOf(criteria));
    }

    /** A context from a question alone (an eval set's question with a generic rubric). */
    public static Context ofQuestion(String question) {
      return new Context(KeywordStuffing.terms(question), List.of());
    }
  }

  public Inspection inspect(String answer, Context context) {
    Objects.requireNonNull(answer, "answer");
    if (answer.isBlank()) {
      return Inspection.clean(answer);
    }
    TextViews.Readings readings = TextViews.of(answer);
    List<Finding> findings = new ArrayList<>(ruleFindings(readings));
    boolean phrases = !findings.isEmpty();
    signals(readings, findings);
    List<Inspection.Span> spans = new ArrayList<>();
    List<AnswerText.Sentence> sentences = AnswerText.sentences(answer);
    List<Inspection.Span> meant = new ArrayList<>();
    meaning(sentences, readings, findings, meant);
    boolean[] suspect = phrases ? ruleSentences(sentences) : new boolean[sentences.size()];
    for (int i = 0; i < sentences.size(); i++) {
      AnswerText.Sentence s = sentences.get(i);
      suspect[i] |= meant.stream().anyMatch(m -> m.start() < s.end() && m.end() > s.start());
    }
    spread(sentences, suspect);
    for (int i = 0; i < sentences.size(); i++) {
      if (suspect[i]) {
        spans.add(new Inspection.Span(sentences.get(i).start(), sentences.get(i).end()));
      }
    }
    for (KeywordStuffing.Run run :
        KeywordStuffing.find(answer, context.terms(), context.criteria())) {
      findings.add(
          Finding.of(
              Category.KEYWORD_STUFFING, TextViews.TEXT, answer.substring(run.start(), run.end())));
      // The whole sentence goes: a list glued to a statement would otherwise leave terms behind.
      for (AnswerText.Sentence s : sentences) {
        if (s.start() < run.end() && s.end() > run.start()) {
          spans.add(new Inspection.Span(s.start(), s.end()));
        }
      }
      spans.add(new Inspection.Span(run.start(), run.end()));
    }
    if (phrases) {
      GradeFormat.jsonSpans(answer).forEach(s -> spans.add(new Inspection.Span(s[0], s[1])));
    }
    return new Inspection(dedupe(findings), merge(spans), strip(answer, spans));
  }

  /**
   * The inspection with what the grading model itself reported: the reported quotes found in the
   * answer become suspect spans, and the answer is flagged even when the detector saw nothing.
   */
  public Inspection withReported(Inspection base, String answer, List<String> reported) {
    if (reported.isEmpty()) {
      return base;
    }
    List<Finding> findings = new ArrayList<>(base.findings());
    List<Inspection.Span> spans = new ArrayList<>(base.suspectSpans());
    for (String quote : reported) {
      findings.add(Finding.of(Category.MODEL_REPORTED, "grading model", quote));
      for (AnswerText.Sentence s : AnswerText.sentences(answer)) {
        String seen = visible(s.text());
        if (!quote.isBlank()
            && !seen.isBlank()
            && (AnswerText.containsVerbatim(seen, quote)
                || AnswerText.containsVerbatim(quote, seen))) {
          spans.add(new Inspection.Span(s.start(), s.end()));
        }
      }
    }
    return new Inspection(dedupe(findings), merge(spans), strip(answer, spans));
  }

  /**
   * The codes of what the phrase rules, the grade-format check and the hidden-character and
   * mixed-script signals find, without the embedding model or the rubric: the detector's
   * deterministic core.
   */
  static List<String> phraseCodes(String text) {
    TextViews.Readings readings = TextViews.of(text);
    List<Finding> findings = new ArrayList<>(ruleFindings(readings));
    signals(readings, findings);
    return findings.stream().map(f -> f.category().code).distinct().toList();
  }

  /** Phrase rules and grade-format imitation over every reading. */
  private static List<Finding> ruleFindings(TextViews.Readings readings) {
    List<Finding> out = new ArrayList<>();
    List<Category> inText = new ArrayList<>();
    for (TextViews.View view : readings.views()) {
      List<Finding> here = matches(view);
      for (Finding f : here) {
        if (view.source().equals(TextViews.TEXT)) {
          inText.add(f.category());
          out.add(f);
        } else if (!inText.contains(f.category())) {
          out.add(f);
          out.add(Finding.of(disguise(view.source()), view.source(), f.evidence()));
        }
      }
    }
    return out;
  }

  private static List<Finding> matches(TextViews.View view) {
    List<Finding> out = new ArrayList<>();
    for (Rule rule : RULES) {
      String hit = rule.find(view.text());
      if (hit != null) {
        out.add(Finding.of(rule.category(), view.source(), hit));
      }
    }
    String grade = GradeFormat.find(view.text());
    if (grade != null) {
      out.add(Finding.of(Category.GRADE_FORMAT, view.source(), grade));
    }
    if (view.source().equals(TextViews.LOOK_ALIKES) || view.source().equals(TextViews.TEXT)) {
      for (String run : Encodings.spelledRuns(view.text())) {
        if (SQUASHED.matcher(run).find()) {
          out.add(Finding.of(Category.OBFUSCATION, TextViews.DESPACED, run));
        }
      }
    }
    return out;
  }

  private static Category disguise(String source) {
    return switch (source) {
      case TextViews.HIDDEN -> Category.HIDDEN_TEXT;
      case TextViews.DECODED, TextViews.ROT13, TextViews.REVERSED -> Category.ENCODED_TEXT;
      default -> Category.OBFUSCATION;
    };
  }

  /** Hidden characters and words of mixed scripts are suspicious by themselves. */
  private static void signals(TextViews.Readings readings, List<Finding> findings) {
    HiddenText.Scan hidden = readings.hidden();
    if (hidden.suspicious()) {
      String spelled = (hidden.tagText() + " " + hidden.selectorText()).strip();
      findings.add(
          Finding.of(
              Category.HIDDEN_TEXT,
              TextViews.HIDDEN,
              String.format(
                  "%d zero-width, %d bidirectional, %d tag characters%s",
                  hidden.zeroWidth(),
                  hidden.bidi(),
                  hidden.tags(),
                  spelled.isEmpty() ? "" : " spelling \"" + spelled + "\"")));
    }
    if (readings.mixedScriptWords() >= MIN_MIXED_SCRIPT_WORDS) {
      findings.add(
          Finding.of(
              Category.OBFUSCATION,
              TextViews.LOOK_ALIKES,
              readings.mixedScriptWords() + " words mix letters of different scripts"));
    }
  }

  /** Sentences (of the answer and of what it hides or encodes) that read like grader messages. */
  private void meaning(
      List<AnswerText.Sentence> sentences,
      TextViews.Readings readings,
      List<Finding> findings,
      List<Inspection.Span> spans) {
    List<String> texts = new ArrayList<>();
    List<AnswerText.Sentence> located = new ArrayList<>();
    for (AnswerText.Sentence s : sentences) {
      String text = readable(s.text());
      if (AnswerText.wordCount(text) >= MIN_SENTENCE_WORDS
          && GRADER_WORDS.matcher(TextViews.fold(text)).find()) {
        texts.add(text);
        located.add(s);
      }
    }
    for (TextViews.View view : readings.views()) {
      if (view.source().equals(TextViews.HIDDEN) || view.source().equals(TextViews.DECODED)) {
        AnswerText.sentences(view.text()).stream()
            .filter(s -> AnswerText.wordCount(s.text()) >= MIN_SENTENCE_WORDS)
            .forEach(s -> texts.add(s.text()));
      }
    }
    List<IntentLibrary.Match> matches = intents.match(texts);
    for (int i = 0; i < matches.size(); i++) {
      IntentLibrary.Match m = matches.get(i);
      if (m.graderDirected()) {
        String source = i < located.size() ? "meaning" : "meaning of hidden or encoded text";
        findings.add(
            Finding.of(
                category(m.category()),
                source,
                String.format(
                    "%s (reads like \"%s\", %.2f)", m.sentence(), m.intent(), m.attack())));
        if (i < located.size()) {
          spans.add(new Inspection.Span(located.get(i).start(), located.get(i).end()));
        }
      }
    }
  }

  private static String readable(String sentence) {
    String visible = HiddenText.scan(sentence).visible();
    return Confusables.map(Normalizer.normalize(visible, Normalizer.Form.NFKC)).text();
  }

  private static Category category(String code) {
    for (Category c : Category.values()) {
      if (c.code.equals(code)) {
        return c;
      }
    }
    return Category.INTENT_SIMILARITY;
  }

  /**
   * Sentences that a phrase rule matches on their own or within a window of up to {@link
   * #MAX_WINDOW} neighbours (an instruction split over lines). {@link #spread} then adds their
   * short or second-person neighbours: the rest of the message ("Now do A + B.", "score: 4").
   */
  private static boolean[] ruleSentences(List<AnswerText.Sentence> sentences) {
    int n = sentences.size();
    boolean[] suspect = new boolean[n];
    for (int i = 0; i < n; i++) {
      suspect[i] = !ruleFindings(TextViews.of(sentences.get(i).text())).isEmpty();
    }
    for (int size = 2; size <= MAX_WINDOW; size++) {
      for (int i = 0; i + size <= n; i++) {
        boolean covered = false;
        StringBuilder window = new StringBuilder();
        for (int j = i; j < i + size; j++) {
          covered |= suspect[j];
          window.append(sentences.get(j).text()).append('\n');
        }
        if (!covered && !ruleFindings(TextViews.of(window.toString())).isEmpty()) {
          for (int j = i; j < i + size; j++) {
            suspect[j] = true;
          }
        }
      }
    }
    return suspect;
  }

  /** Marks, transitively, the short or second-person neighbours of suspect sentences. */
  private static void spread(List<AnswerText.Sentence> sentences, boolean[] suspect) {
    boolean changed = true;
    while (changed) {
      changed = false;
      for (int i = 0; i < suspect.length; i++) {
        boolean besideSuspect =
            (i > 0 && suspect[i - 1]) || (i + 1 < suspect.length && suspect[i + 1]);
        if (!suspect[i] && besideSuspect && partOfMessage(sentences.get(i).text())) {
          suspect[i] = true;
          changed = true;
        }
      }
    }
  }

  private static boolean partOfMessage(String sentence) {
    String folded = TextViews.fold(visible(sentence)).strip();
    return AnswerText.wordCount(folded) <= SHORT_SENTENCE_WORDS
        || SECOND_PERSON.matcher(folded).find();
  }

  private static List<Finding> dedupe(List<Finding> findings) {
    Map<String, Finding> out = new LinkedHashMap<>();
    findings.forEach(f -> out.putIfAbsent(f.category() + "|" + f.source(), f));
    return List.copyOf(out.values());
  }

  private static List<Inspection.Span> merge(List<Inspection.Span> spans) {
    List<Inspection.Span> sorted =
        spans.stream().sorted(Comparator.comparingInt(Inspection.Span::start)).toList();
    List<Inspection.Span> out = new ArrayList<>();
    for (Inspection.Span s : sorted) {
      Inspection.Span last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null && s.start() <= last.end()) {
        out.set(out.size() - 1, new Inspection.Span(last.start(), Math.max(last.end(), s.end())));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * What a reader sees of a text: hidden characters (zero-width, bidirectional, tag characters,
   * selectors after no emoji), control characters and combining marks with nothing to combine with
   * removed, every kind of space as a plain space. This is what graders read: it carries all of the
   * answer's substance and none of its hiding places.
   */
  public static String visible(String text) {
    String shown = HiddenText.scan(text).visible();
    shown = UNREADABLE.matcher(shown).replaceAll("");
    shown = ORPHAN_MARKS.matcher(shown).replaceAll("");
    return SPACES.matcher(shown).replaceAll(" ");
  }

  /** The answer without the suspect spans and without hidden characters. */
  static String strip(String answer, List<Inspection.Span> spans) {
    StringBuilder out = new StringBuilder(answer.length());
    int at = 0;
    for (Inspection.Span s : merge(spans)) {
      out.append(answer, at, s.start());
      out.append(answer.substring(s.start(), s.end()).indexOf('\n') >= 0 ? "\n" : " ");
      at = s.end();
    }
    out.append(answer.substring(at));
    return visible(out.toString())
        .replaceAll("[ \\t]{2,}", " ")
        .replaceAll("\\n{3,}", "\n\n")
        .strip();
  }

  private static List<Rule> rules() {
    List<Rule> out = new ArrayList<>(EnglishRules.all());
    out.addAll(ForeignRules.all());
    return List.copyOf(out);
  }
}
