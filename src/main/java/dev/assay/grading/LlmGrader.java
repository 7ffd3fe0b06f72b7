package dev.assay.grading;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.bank.CriterionSpec;
import dev.assay.bank.RubricSpec;
import dev.assay.exemplar.ExemplarMatch;
import dev.assay.llm.LlmClient;
import dev.assay.llm.LlmConfig;
import dev.assay.llm.LlmFailure;
import dev.assay.llm.LlmGrade;
import dev.assay.llm.PromptLibrary;
import dev.assay.llm.Redaction;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Grades through the LLM: renders the versioned prompt, calls the endpoint (optionally several
 * samples), verifies every reply and gives a failing reply one repair attempt. It never invents a
 * score: when no verified reply remains, the outcome carries only the reasons, and the caller falls
 * back to the offline grader.
 */
@ApplicationScoped
class LlmGrader {
  private final LlmClient client;
  private final PromptLibrary prompts;
  private final LlmConfig config;
  private final ObjectMapper json;
  private final GradingMetrics metrics;

  LlmGrader(
      LlmClient client,
      PromptLibrary prompts,
      LlmConfig config,
      ObjectMapper json,
      GradingMetrics metrics) {
    this.client = client;
    this.prompts = prompts;
    this.config = config;
    this.json = json;
    this.metrics = metrics;
  }

  /**
   * A verified verdict (or null) with the trace of every call, the reasons for failure and the
   * passages the model reported as attempts to influence it.
   */
  record Outcome(
      Verdict verdict,
      LlmTrace trace,
      List<String> rawOutputs,
      List<String> flags,
      List<String> reported) {}

  /** The signature of a configuration of this grader, part of the dedup key. */
  String signature(GraderSpec spec) {
    return "llm:"
        + prompts.grade(spec.promptVersion()).hash()
        + ":"
        + spec.model()
        + ":"
        + spec.temperature()
        + ":"
        + spec.samples()
        + (config.redactPersonalData() ? "" : ":unredacted");
  }

  /** The answer as the LLM reads it: with personal data redacted unless that is turned off. */
  private String shown(String answer) {
    return config.redactPersonalData() ? Redaction.redact(answer) : answer;
  }

  Outcome grade(GradingInput input, GraderSpec spec) {
    PromptLibrary.GradePrompt prompt = prompts.grade(spec.promptVersion());
    RubricSpec rubric = input.question().rubric();
    Set<String> retrieved =
        input.exemplars().stream().map(ExemplarMatch::id).collect(Collectors.toSet());
    List<ChatMessage> messages =
        List.of(SystemMessage.from(prompt.system()), UserMessage.from(userMessage(prompt, input)));

    List<Provenance.LlmAttempt> attempts = new ArrayList<>();
    List<String> raws = new ArrayList<>();
    List<LlmGrade> valid = new ArrayList<>();
    List<String> flags = new ArrayList<>();
    long llmNanos = 0;
    long verifyNanos = 0;
    boolean repaired = false;
    for (int sample = 1; sample <= spec.samples(); sample++) {
      List<ChatMessage> conversation = new ArrayList<>(messages);
      try {
        for (String kind : List.of("grade", "repair")) {
          long t0 = System.nanoTime();
          LlmClient.Reply reply = client.call(conversation, spec.model(), spec.temperature());
          long t1 = System.nanoTime();
          List<GradeVerifier.Violation> violations =
              reply.grade() == null
                  ? List.of(new GradeVerifier.Violation("malformed-output", reply.parseError()))
                  : GradeVerifier.verify(reply.grade(), rubric, retrieved, shown(input.answer()));
          llmNanos += t1 - t0;
          verifyNanos += System.nanoTime() - t1;
          raws.add(reply.raw());
          attempts.add(
              new Provenance.LlmAttempt(
                  sample,
                  kind,
                  reply.inputTokens(),
                  reply.outputTokens(),
                  reply.latencyMs(),
                  violations.stream().map(Object::toString).toList(),
                  null));
          metrics.tokens(reply.inputTokens(), reply.outputTokens());
          violations.forEach(v -> metrics.violation(v.kind()));
          if (violations.isEmpty()) {
            valid.add(reply.grade());
            repaired |= kind.equals("repair");
            break;
          }
          if (kind.equals("repair")) {
            flags.add("llm-invalid-output");
            break;
          }
          conversation.add(
              AiMessage.from(
                  reply.raw() == null || reply.raw().isBlank() ? "(empty reply)" : reply.raw()));
          conversation.add(UserMessage.from(repairMessage(prompt, input, reply.raw(), violations)));
        }
      } catch (LlmFailure failure) {
        attempts.add(
            new Provenance.LlmAttempt(
                sample,
                "grade",
                0,
                0,
                0,
                List.of(),
                failure.kind().flag + ": " + failure.getMessage()));
        flags.add(failure.kind().flag);
        break;
      }
    }
    LlmTrace trace =
        new LlmTrace(
            prompt.id(),
            prompt.version(),
            prompt.hash(),
            spec.model(),
            parameters(spec),
            attempts,
            llmNanos / 1_000_000,
            verifyNanos / 1_000_000);
    if (valid.isEmpty()) {
      return new Outcome(null, trace, raws, flags.stream().distinct().toList(), List.of());
    }
    List<String> outcomeFlags = new ArrayList<>();
    if (repaired) {
      outcomeFlags.add("llm-repaired");
    }
    Verdict verdict = aggregate(valid, rubric, repaired, outcomeFlags);
    List<String> reported =
        valid.stream()
            .flatMap(g -> g.manipulationAttempts().stream())
            .filter(q -> !q.isBlank())
            .distinct()
            .toList();
    return new Outcome(verdict, trace, raws, outcomeFlags, reported);
  }

  private Provenance.LlmParameters parameters(GraderSpec spec) {
    return new Provenance.LlmParameters(
        spec.temperature(),
        spec.samples(),
        config.maxOutputTokens(),
        config.deadline().toMillis(),
        "json_schema");
  }

  /** Median score per criterion; rationale and citations from the sample closest to the medians. */
  private Verdict aggregate(
      List<LlmGrade> samples, RubricSpec rubric, boolean repaired, List<String> flags) {
    Map<String, Double> medians = new LinkedHashMap<>();
    double spreadSum = 0;
    double maxSpread = 0;
    for (CriterionSpec c : rubric.criteria()) {
      List<Integer> scores = samples.stream().map(s -> byKey(s, c.key()).score()).sorted().toList();
      int n = scores.size();
      medians.put(
          c.key(),
          n % 2 == 1 ? scores.get(n / 2) : (scores.get(n / 2 - 1) + scores.get(n / 2)) / 2.0);
      double spread = scores.get(n - 1) - scores.get(0);
      spreadSum += spread;
      maxSpread = Math.max(maxSpread, spread);
    }
    LlmGrade representative =
        samples.stream()
            .min(
                Comparator.comparingDouble(
                    s ->
                        rubric.criteria().stream()
                            .mapToDouble(
                                c -> Math.abs(byKey(s, c.key()).score() - medians.get(c.key())))
                            .sum()))
            .orElseThrow();
    List<Verdict.CriterionGrade> criteria = new ArrayList<>();
    for (CriterionSpec c : rubric.criteria()) {
      LlmGrade.Criterion r = byKey(representative, c.key());
      criteria.add(
          new Verdict.CriterionGrade(
              c.key(),
              medians.get(c.key()),
              rubric.scale(),
              r.rationale(),
              r.citations().stream()
                  .map(x -> new Verdict.Citation(x.exemplarId(), x.quote()))
                  .toList()));
    }
    if (samples.size() > 1 && maxSpread >= rubric.scale() / 2.0) {
      flags.add("sample-disagreement");
    }
    double confidence =
        0.9 * (repaired ? 0.85 : 1.0) * (1 - spreadSum / rubric.criteria().size() / rubric.scale());
    return new Verdict(
        criteria, representative.overallRationale(), Math.round(confidence * 1000) / 1000.0);
  }

  private static LlmGrade.Criterion byKey(LlmGrade grade, String key) {
    return grade.criteria().stream()
        .filter(c -> c.criterion().equals(key))
        .findFirst()
        .orElseThrow();
  }

  private String userMessage(PromptLibrary.GradePrompt prompt, GradingInput input) {
    RubricSpec rubric = input.question().rubric();
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("question", input.question().prompt().strip());
    values.put("scale", String.valueOf(rubric.scale()));
    values.put("rubric", rubricText(rubric));
    values.put("exemplars", exemplarText(input.exemplars()));
    values.put("answer", untrusted(shown(input.answer())));
    values.put("criterion_keys", criterionKeys(rubric));
    return prompt.user(values);
  }

  private String repairMessage(
      PromptLibrary.GradePrompt prompt,
      GradingInput input,
      String previous,
      List<GradeVerifier.Violation> violations) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put(
        "problems", violations.stream().map(v -> "- " + v).collect(Collectors.joining("\n")));
    values.put("previous", previous == null ? "(empty)" : previous);
    values.put(
        "exemplar_ids",
        input.exemplars().stream().map(ExemplarMatch::id).collect(Collectors.joining(", ")));
    values.put("scale", String.valueOf(input.question().rubric().scale()));
    values.put("criterion_keys", criterionKeys(input.question().rubric()));
    return prompt.repair(values);
  }

  private static String criterionKeys(RubricSpec rubric) {
    return rubric.criteria().stream().map(CriterionSpec::key).collect(Collectors.joining(", "));
  }

  private static String rubricText(RubricSpec rubric) {
    StringBuilder sb = new StringBuilder();
    for (CriterionSpec c : rubric.criteria()) {
      sb.append(
          String.format("- %s (weight %.2f): %s%n", c.key(), c.weight(), c.description().strip()));
      sb.append("  strong: ").append(c.levels().strong().strip()).append('\n');
      sb.append("  acceptable: ").append(c.levels().acceptable().strip()).append('\n');
      sb.append("  weak: ").append(c.levels().weak().strip()).append('\n');
    }
    return sb.toString().stripTrailing();
  }

  private static String exemplarText(List<ExemplarMatch> exemplars) {
    if (exemplars.isEmpty()) {
      return "(none available for this question)";
    }
    StringBuilder sb = new StringBuilder();
    for (ExemplarMatch e : exemplars) {
      String perCriterion =
          e.criterionScores().entrySet().stream()
              .sorted(Map.Entry.comparingByKey())
              .map(x -> x.getKey() + "=" + x.getValue())
              .collect(Collectors.joining(", "));
      sb.append(
          String.format(
              "<reference id=\"%s\" label=\"%s\" score=\"%.1f\"",
              e.id(), e.label().wire(), e.score()));
      if (!perCriterion.isEmpty()) {
        sb.append(" criterion_scores=\"").append(perCriterion).append('"');
      }
      sb.append(">\nwhy: ")
          .append(e.rationale().strip())
          .append('\n')
          .append(e.text().strip())
          .append("\n</reference>\n");
    }
    return sb.toString().stripTrailing();
  }

  /** The answer as a JSON string literal with angle brackets escaped, so it cannot close a tag. */
  private String untrusted(String answer) {
    try {
      return json.writeValueAsString(answer).replace("<", "\\u003c").replace(">", "\\u003e");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a string is always serialisable", e);
    }
  }
}
