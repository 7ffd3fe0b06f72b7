package dev.assay.fairness;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the figures of a fairness report from observations and each candidate's cohort value, with
 * no I/O. Candidates who did not report the attribute form the group {@link #NOT_REPORTED}: shown,
 * never the reference, never in an impact ratio.
 */
final class FairnessReports {
  static final String NOT_REPORTED = "(not reported)";
  static final double FOUR_FIFTHS = 0.8;

  private FairnessReports() {}

  /** What the figures depend on. */
  record Params(Basis basis, double passMark, int minGroupSize, String reference) {}

  /** One counted unit (a candidate or an answer): its group, its score and its answers. */
  record Unit(String group, double score, List<FairnessData.Observation> answers) {}

  /** One unit per candidate: the mean score of their answers. */
  static List<Unit> candidates(
      List<FairnessData.Observation> answers, Map<String, String> cohort, Basis basis) {
    Map<String, List<FairnessData.Observation>> byCandidate = new LinkedHashMap<>();
    answers.forEach(
        a -> byCandidate.computeIfAbsent(a.candidateRef(), k -> new ArrayList<>()).add(a));
    List<Unit> units = new ArrayList<>();
    byCandidate.forEach(
        (ref, list) ->
            units.add(
                new Unit(
                    cohort.getOrDefault(ref, NOT_REPORTED),
                    list.stream().mapToDouble(o -> o.score(basis)).average().orElseThrow(),
                    list)));
    return units;
  }

  /** One unit per answer, for one question's section. */
  static List<Unit> answers(
      List<FairnessData.Observation> answers, Map<String, String> cohort, Basis basis) {
    return answers.stream()
        .map(
            a ->
                new Unit(
                    cohort.getOrDefault(a.candidateRef(), NOT_REPORTED),
                    a.score(basis),
                    List.of(a)))
        .toList();
  }

  static FairnessReport.Section section(String scope, String unit, List<Unit> units, Params p) {
    Map<String, List<Unit>> groups = new TreeMap<>();
    units.forEach(u -> groups.computeIfAbsent(u.group(), k -> new ArrayList<>()).add(u));
    Map<String, double[]> shown = new LinkedHashMap<>();
    groups.forEach(
        (value, list) -> {
          if (list.size() >= p.minGroupSize()) {
            shown.put(value, list.stream().mapToDouble(Unit::score).toArray());
          }
        });
    String reference = reference(shown, p.reference());
    double bestRate =
        shown.entrySet().stream()
            .filter(e -> !e.getKey().equals(NOT_REPORTED))
            .mapToDouble(e -> GroupStats.rateAtOrAbove(e.getValue(), p.passMark()))
            .max()
            .orElse(0);
    List<FairnessReport.Group> out = new ArrayList<>();
    groups.forEach(
        (value, list) -> {
          double[] scores = shown.get(value);
          if (scores == null) {
            out.add(FairnessReport.Group.suppressed(value));
            return;
          }
          double rate = GroupStats.rateAtOrAbove(scores, p.passMark());
          Double ratio =
              value.equals(NOT_REPORTED) || bestRate == 0 ? null : round(rate / bestRate);
          List<FairnessData.Observation> answers =
              list.stream().flatMap(u -> u.answers().stream()).toList();
          out.add(
              new FairnessReport.Group(
                  value,
                  list.size(),
                  false,
                  GroupStats.distribution(scores),
                  reference == null || value.equals(reference)
                      ? null
                      : GroupStats.smd(scores, shown.get(reference)),
                  round(rate),
                  ratio,
                  ratio == null ? null : ratio < FOUR_FIFTHS,
                  round(
                      answers.stream().filter(FairnessData.Observation::overridden).count()
                          / (double) answers.size()),
                  humanAgreement(answers)));
        });
    return new FairnessReport.Section(scope, unit, units.size(), reference, out);
  }

  /**
   * The asked-for reference group if it is shown, else the largest shown group that reported the
   * attribute (ties: the first by name); null when there is none.
   */
  private static String reference(Map<String, double[]> shown, String asked) {
    if (asked != null && shown.containsKey(asked) && !asked.equals(NOT_REPORTED)) {
      return asked;
    }
    return shown.entrySet().stream()
        .filter(e -> !e.getKey().equals(NOT_REPORTED))
        .max(
            Comparator.comparingInt((Map.Entry<String, double[]> e) -> e.getValue().length)
                .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
        .map(Map.Entry::getKey)
        .orElse(null);
  }

  private static FairnessReport.HumanAgreement humanAgreement(
      List<FairnessData.Observation> answers) {
    List<FairnessData.Observation> reviewed =
        answers.stream().filter(a -> a.human() != null).toList();
    if (reviewed.isEmpty()) {
      return new FairnessReport.HumanAgreement(0, null, null, null, null);
    }
    double automated = reviewed.stream().mapToDouble(FairnessData.Observation::automated).sum();
    double human = reviewed.stream().mapToDouble(FairnessData.Observation::human).sum();
    double absolute = reviewed.stream().mapToDouble(a -> Math.abs(a.automated() - a.human())).sum();
    int n = reviewed.size();
    return new FairnessReport.HumanAgreement(
        n,
        round(automated / n),
        round(human / n),
        round((automated - human) / n),
        round(absolute / n));
  }

  static double round(double x) {
    return Math.round(x * 10000) / 10000.0;
  }
}
