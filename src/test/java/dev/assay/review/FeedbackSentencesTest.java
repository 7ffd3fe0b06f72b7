package dev.assay.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.assay.bank.CriterionSpec;
import dev.assay.grading.Verdict.Citation;
import dev.assay.review.FeedbackSentences.Sentences;
import dev.assay.review.FeedbackSentences.Standing;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class FeedbackSentencesTest {
  private static final CriterionSpec.Levels LEVELS =
      new CriterionSpec.Levels(
          "Names the capacity of thirty alerts and validates on a later period.",
          "Mentions recall without tying it to capacity.",
          "Keeps the default threshold.");
  private static final CriterionSpec WITH_HINT =
      new CriterionSpec(
          "threshold-design",
          "How the operating point is chosen and validated.",
          0.5,
          LEVELS,
          "Explain how you would choose and check the operating point.");
  private static final CriterionSpec WITHOUT_HINT =
      new CriterionSpec(
          "threshold-design", "How the operating point is chosen and validated.", 0.5, LEVELS);

  private static final Citation EVIDENCE = new Citation(null, "I would pick it on later data.");
  private static final Citation RESEMBLANCE =
      new Citation("ex-s1", "I would pick it on later data.");

  private static List<String> all(Sentences s) {
    return Stream.of(s.strengths(), s.gaps(), s.nextSteps()).flatMap(List::stream).toList();
  }

  @Test
  void standingFollowsTheScaleAndTheEvidence() {
    assertEquals(Standing.UNADDRESSED, Standing.of(1.0, 4, false));
    assertEquals(Standing.NOT_YET, Standing.of(1.0, 4, true));
    assertEquals(Standing.NOT_YET, Standing.of(1.1, 4, false));
    assertEquals(Standing.PARTLY, Standing.of(2.0, 4, false));
    assertEquals(Standing.NOT_YET, Standing.of(1.9, 4, true));
    assertEquals(Standing.FULLY, Standing.of(4.0, 4, true));
    assertEquals(Standing.UNADDRESSED, Standing.of(2.0, 10, false));
    assertEquals(Standing.PARTLY, Standing.of(5.0, 10, false));
  }

  @Test
  void aStrengthQuotesTheEvidenceAndNamesTheCriterion() {
    Sentences s = FeedbackSentences.write(WITH_HINT, 3, 4, List.of(RESEMBLANCE, EVIDENCE), false);
    assertEquals(
        List.of(
            "On how the operating point is chosen and validated, your answer earns credit, for"
                + " example where you wrote: \u201cI would pick it on later data.\u201d"),
        s.strengths());
    assertEquals(
        List.of("Where your answer stands now: partly addressed, with room to go further."),
        s.gaps());
    assertEquals(List.of(WITH_HINT.hint()), s.nextSteps());
  }

  @Test
  void noStrengthWithoutEvidenceOrBelowThreeQuartersOfTheScale() {
    assertEquals(
        List.of(),
        FeedbackSentences.write(WITH_HINT, 4, 4, List.of(RESEMBLANCE), false).strengths());
    assertEquals(
        List.of(),
        FeedbackSentences.write(WITH_HINT, 1.9, 4, List.of(EVIDENCE), false).strengths());
    // Acceptable but not clearly above it: where the answer stands is said, no strength named.
    Sentences partly = FeedbackSentences.write(WITH_HINT, 2.9, 4, List.of(EVIDENCE), false);
    assertEquals(List.of(), partly.strengths());
    assertEquals(
        List.of("Where your answer stands now: partly addressed, with room to go further."),
        partly.gaps());
    assertEquals(
        List.of(
            "On how the operating point is chosen and validated, your answer earns credit, for"
                + " example where you wrote: \u201cI would pick it on later data.\u201d"),
        FeedbackSentences.write(WITH_HINT, 4, 4, List.of(EVIDENCE), false).strengths());
  }

  @Test
  void anUnaddressedCriterionSaysSoAndOffersTheHintOrANeutralStep() {
    Sentences hinted = FeedbackSentences.write(WITH_HINT, 0, 4, List.of(), false);
    assertEquals(
        List.of(
            "Your answer did not address this criterion: how the operating point is chosen and"
                + " validated."),
        hinted.gaps());
    assertEquals(List.of(WITH_HINT.hint()), hinted.nextSteps());
    assertEquals(
        List.of("Say more about how the operating point is chosen and validated."),
        FeedbackSentences.write(WITHOUT_HINT, 0, 4, List.of(), false).nextSteps());
  }

  @Test
  void descriptorsAreQuotedOnlyWhenTheWorkspaceAllowsIt() {
    Sentences on = FeedbackSentences.write(WITH_HINT, 1, 4, List.of(EVIDENCE), true);
    assertEquals(List.of("Where your answer stands now: " + LEVELS.weak()), on.gaps());
    assertEquals(
        List.of(WITH_HINT.hint(), "What a strong answer does here: " + LEVELS.strong()),
        on.nextSteps());
    assertEquals(
        List.of("Where your answer stands now: " + LEVELS.acceptable()),
        FeedbackSentences.write(WITH_HINT, 2, 4, List.of(), true).gaps());
  }

  @Test
  void byDefaultNoSentenceCarriesADescriptorAndEveryStrengthIsEarned() {
    qt().forAll(
            doubles().between(0, 4), integers().between(0, 3), booleans().all(), booleans().all())
        .checkAssert(
            (score, n, evidence, hinted) -> {
              List<Citation> citations = new ArrayList<>();
              for (int i = 0; i < n; i++) {
                citations.add(evidence && i == n - 1 ? EVIDENCE : RESEMBLANCE);
              }
              Sentences s =
                  FeedbackSentences.write(
                      hinted ? WITH_HINT : WITHOUT_HINT, score, 4, citations, false);
              for (String sentence : all(s)) {
                for (String d : List.of(LEVELS.strong(), LEVELS.acceptable(), LEVELS.weak())) {
                  assertTrue(!sentence.contains(d.replaceAll("\\.$", "")), sentence);
                }
              }
              boolean earned = score >= 3 && evidence && n > 0;
              assertEquals(earned, !s.strengths().isEmpty(), score + " " + citations);
              assertEquals(score >= 4, s.nextSteps().isEmpty());
            });
  }

  @Test
  void longQuotesAreCutAtAWordAndAcronymsKeepTheirCase() {
    String quote = "word ".repeat(100).strip();
    String shown = FeedbackSentences.evidence(List.of(new Citation(null, quote))).orElseThrow();
    assertTrue(shown.length() <= FeedbackSentences.QUOTE_MAX + 1, shown);
    assertTrue(shown.endsWith("word\u2026"), shown);
    assertEquals("SHAP values per account", FeedbackSentences.topic("SHAP values per account."));
    assertEquals("quality of the plan", FeedbackSentences.topic(" Quality of the plan. "));
  }
}
