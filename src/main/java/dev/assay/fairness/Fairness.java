package dev.assay.fairness;

import dev.assay.platform.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The fairness report and the bias-audit summary of a workspace's grades. */
@ApplicationScoped
class Fairness {
  private final FairnessData data;
  private final Cohorts cohorts;
  private final FairnessConfig config;

  Fairness(FairnessData data, Cohorts cohorts, FairnessConfig config) {
    this.data = data;
    this.cohorts = cohorts;
    this.config = config;
  }

  /** A request's choices, checked; nulls take the configured defaults. */
  record Query(
      Basis basis,
      Double passMark,
      Integer minGroupSize,
      String questionId,
      OffsetDateTime from,
      OffsetDateTime to,
      String reference) {

    Query resolve(FairnessConfig config) {
      double mark = passMark == null ? config.passMark() : passMark;
      if (!(mark > 0 && mark <= 1)) {
        throw ApiException.badField(
            "passMark", "must be a share of the scale, above 0 and at most 1");
      }
      int minimum = minGroupSize == null ? config.minGroupSize() : minGroupSize;
      if (minimum < config.minGroupSize()) {
        throw ApiException.badField(
            "minGroupSize", "may not be below the configured minimum of " + config.minGroupSize());
      }
      OffsetDateTime end = to == null ? OffsetDateTime.now() : to;
      OffsetDateTime start = from == null ? end.minusDays(config.defaultDays()) : from;
      if (!start.isBefore(end)) {
        throw ApiException.badField("from", "must be before to");
      }
      return new Query(basis, mark, minimum, questionId, start, end, reference);
    }
  }

  FairnessReport report(long workspaceId, String attribute, Query asked) {
    Query q = asked.resolve(config);
    FairnessData.Collected collected = data.collect(workspaceId, q.questionId(), q.from(), q.to());
    Map<String, String> cohort = cohorts.valuesOf(workspaceId, attribute);
    FairnessReports.Params params =
        new FairnessReports.Params(q.basis(), q.passMark(), q.minGroupSize(), q.reference());
    FairnessReport.Section overall =
        FairnessReports.section(
            "overall",
            "candidate",
            FairnessReports.candidates(collected.answers(), cohort, q.basis()),
            params);
    Map<String, List<FairnessData.Observation>> byQuestion = new TreeMap<>();
    collected
        .answers()
        .forEach(a -> byQuestion.computeIfAbsent(a.questionId(), k -> new ArrayList<>()).add(a));
    List<FairnessReport.Section> questions = new ArrayList<>();
    byQuestion.forEach(
        (question, answers) ->
            questions.add(
                FairnessReports.section(
                    question,
                    "answer",
                    FairnessReports.answers(answers, cohort, q.basis()),
                    params)));
    return new FairnessReport(
        attribute,
        q.basis().wire(),
        q.passMark(),
        q.minGroupSize(),
        q.from(),
        q.to(),
        overall,
        questions,
        new FairnessReport.Excluded(collected.withoutCandidate(), collected.superseded()),
        FairnessNotes.report(q.minGroupSize(), q.passMark()));
  }

  /** The audit summary for one attribute, or two and their intersection. */
  BiasAudit audit(long workspaceId, List<String> attributes, Query asked) {
    if (attributes.isEmpty() || attributes.size() > 2) {
      throw ApiException.badField("attributes", "name one or two cohort attributes");
    }
    Query q = asked.resolve(config);
    FairnessData.Collected collected = data.collect(workspaceId, q.questionId(), q.from(), q.to());
    List<FairnessReports.Unit> candidates =
        FairnessReports.candidates(collected.answers(), Map.of(), q.basis());
    Map<String, Double> scores = new LinkedHashMap<>();
    candidates.forEach(u -> scores.put(u.answers().get(0).candidateRef(), u.score()));
    double[] all = scores.values().stream().mapToDouble(Double::doubleValue).toArray();
    double median = all.length == 0 ? 0 : GroupStats.median(all);
    BiasAudit.Rules rules = new BiasAudit.Rules(q.passMark(), median, q.minGroupSize(), all.length);
    List<Map<String, String>> values =
        attributes.stream().map(a -> cohorts.valuesOf(workspaceId, a)).toList();
    List<BiasAudit.Table> tables = new ArrayList<>();
    for (int i = 0; i < attributes.size(); i++) {
      int index = i;
      tables.add(table(attributes.get(i), scores, ref -> values.get(index).get(ref), rules));
    }
    if (attributes.size() == 2) {
      tables.add(
          table(
              attributes.get(0) + " x " + attributes.get(1),
              scores,
              ref -> {
                String a = values.get(0).get(ref);
                String b = values.get(1).get(ref);
                return a == null || b == null ? null : a + " x " + b;
              },
              rules));
    }
    return new BiasAudit(
        BiasAudit.STANDARD,
        q.from(),
        q.to(),
        q.basis().wire(),
        q.passMark(),
        all.length,
        FairnessReports.round(median),
        q.minGroupSize(),
        tables,
        FairnessNotes.audit());
  }

  private static BiasAudit.Table table(
      String type,
      Map<String, Double> scores,
      java.util.function.Function<String, String> category,
      BiasAudit.Rules rules) {
    Map<String, List<Double>> byCategory = new TreeMap<>();
    int notReported = 0;
    for (Map.Entry<String, Double> e : scores.entrySet()) {
      String c = category.apply(e.getKey());
      if (c == null) {
        notReported++;
      } else {
        byCategory.computeIfAbsent(c, k -> new ArrayList<>()).add(e.getValue());
      }
    }
    return BiasAudit.table(type, byCategory, notReported, rules);
  }
}
