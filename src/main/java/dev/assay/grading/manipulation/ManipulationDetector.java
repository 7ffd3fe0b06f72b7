package dev.assay.grading.manipulation;

import dev.assay.bank.CriterionSpec;
import dev.assay.bank.RubricSpec;
import dev.assay.text.AnswerText;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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
  private final MeaningCheck meaning;

  ManipulationDetector(IntentLibrary intents) {
    this.meaning = new MeaningCheck(intents);
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
    List<Finding> findings = new ArrayList<>(PhraseRules.findings(readings));
    boolean phrases = !findings.isEmpty();
    PhraseRules.signals(readings, findings);
    List<Inspection.Span> spans = new ArrayList<>();
    List<AnswerText.Sentence> sentences = AnswerText.sentences(answer);
    List<Inspection.Span> meant = new ArrayList<>();
    meaning.check(sentences, readings, findings, meant);
    boolean[] suspect =
        phrases ? SuspectSentences.byRules(sentences) : new boolean[sentences.size()];
    for (int i = 0; i < sentences.size(); i++) {
      AnswerText.Sentence s = sentences.get(i);
      suspect[i] |= meant.stream().anyMatch(m -> m.start() < s.end() && m.end() > s.start());
    }
    SuspectSentences.spread(sentences, suspect);
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
    return new Inspection(dedupe(findings), Spans.merge(spans), Spans.strip(answer, spans));
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
        String seen = Spans.visible(s.text());
        if (!quote.isBlank()
            && !seen.isBlank()
            && (AnswerText.containsVerbatim(seen, quote)
                || AnswerText.containsVerbatim(quote, seen))) {
          spans.add(new Inspection.Span(s.start(), s.end()));
        }
      }
    }
    return new Inspection(dedupe(findings), Spans.merge(spans), Spans.strip(answer, spans));
  }

  /**
   * The codes of what the phrase rules, the grade-format check and the hidden-character and
   * mixed-script signals find, without the embedding model or the rubric: the detector's
   * deterministic core.
   */
  static List<String> phraseCodes(String text) {
    TextViews.Readings readings = TextViews.of(text);
    List<Finding> findings = new ArrayList<>(PhraseRules.findings(readings));
    PhraseRules.signals(readings, findings);
    return findings.stream().map(f -> f.category().code).distinct().toList();
  }

  private static List<Finding> dedupe(List<Finding> findings) {
    Map<String, Finding> out = new LinkedHashMap<>();
    findings.forEach(f -> out.putIfAbsent(f.category() + "|" + f.source(), f));
    return List.copyOf(out.values());
  }

  /**
   * What a reader sees of a text: hidden characters (zero-width, bidirectional, tag characters,
   * selectors after no emoji), control characters and combining marks with nothing to combine with
   * removed, every kind of space as a plain space. This is what graders read: it carries all of the
   * answer's substance and none of its hiding places.
   */
  public static String visible(String text) {
    return Spans.visible(text);
  }
}
