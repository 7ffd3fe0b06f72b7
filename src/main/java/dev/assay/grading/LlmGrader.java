package dev.assay.grading;

import dev.assay.bank.CriterionSpec;
import dev.assay.bank.RubricSpec;
import dev.assay.llm.Deadline;
import dev.assay.llm.LlmClient;
import dev.assay.llm.LlmConfig;
import dev.assay.llm.LlmFailure;
import dev.assay.llm.LlmGrade;
import dev.assay.llm.PromptLibrary;
import dev.assay.llm.PromptTokens;
import dev.assay.llm.Redaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Grades through the LLM: renders the versioned prompt, calls the endpoint (optionally several
 * samples), verifies every reply and gives a failing reply one repair attempt. It never invents a
 * score: when no verified reply remains, the outcome carries only the reasons, and the caller falls
 * back to the offline grader.
 */
@ApplicationScoped
class LlmGrader {
  private static final Logger LOG = Logger.getLogger(LlmGrader.class);
  private final LlmClient client;
  private final PromptLibrary prompts;
  private final LlmConfig config;
  private final LlmPrompt renderer;
  private final GradingMetrics metrics;

  LlmGrader(
      LlmClient client,
      PromptLibrary prompts,
      LlmConfig config,
      LlmPrompt renderer,
      GradingMetrics metrics) {
    this.client = client;
    this.prompts = prompts;
    this.config = config;
    this.renderer = renderer;
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
        + (config.redactPersonalData() ? "" : ":unredacted")
        + ":"
        + LlmPrompt.signature(config.prompt());
  }

  /** The answer as the LLM reads it: with personal data redacted unless that is turned off. */
  private String shown(String answer) {
    return config.redactPersonalData() ? Redaction.redact(answer) : answer;
  }

  /** What one grade's calls produced so far: every attempt, the raw replies, valid grades. */
  private static final class Calls {
    final List<Provenance.LlmAttempt> attempts = new ArrayList<>();
    final List<String> raws = new ArrayList<>();
    final List<LlmGrade> valid = new ArrayList<>();
    final List<String> flags = new ArrayList<>();
    long llmNanos;
    long verifyNanos;
    boolean repaired;
  }

  /**
   * Grades {@code input} with every call (samples, repairs, retries) inside {@code deadline}; the
   * grade's own deadline is shared with any later call for the same grade.
   */
  Outcome grade(GradingInput input, GraderSpec spec, Deadline deadline) {
    PromptLibrary.GradePrompt prompt = prompts.grade(spec.promptVersion());
    LlmPrompt.Rendered request = renderer.render(prompt, input, shown(input.answer()));
    LOG.debugf("grading prompt: %d input tokens (%s)", request.tokens(), PromptTokens.ENCODING);
    metrics.promptTokens(request.tokens());
    Calls calls = new Calls();
    for (int sample = 1; sample <= spec.samples(); sample++) {
      try {
        sample(calls, sample, prompt, request, input, spec, deadline);
      } catch (LlmFailure failure) {
        calls.flags.add(failure.kind().flag);
        break;
      }
    }
    LlmTrace trace =
        new LlmTrace(
            prompt.id(),
            prompt.version(),
            prompt.hash(),
            request.exemplarIds(),
            spec.model(),
            parameters(spec),
            calls.attempts,
            calls.llmNanos / 1_000_000,
            calls.verifyNanos / 1_000_000,
            request.tokens());
    if (calls.valid.isEmpty()) {
      return new Outcome(
          null, trace, calls.raws, calls.flags.stream().distinct().toList(), List.of());
    }
    List<String> outcomeFlags = new ArrayList<>();
    if (calls.repaired) {
      outcomeFlags.add("llm-repaired");
    }
    Verdict verdict =
        aggregate(calls.valid, input.question().rubric(), calls.repaired, outcomeFlags);
    List<String> reported =
        calls.valid.stream()
            .flatMap(g -> g.manipulationAttempts().stream())
            .filter(q -> !q.isBlank())
            .distinct()
            .toList();
    return new Outcome(verdict, trace, calls.raws, outcomeFlags, reported);
  }

  /** One sample: a grading call and, when its reply fails verification, one repair call. */
  private void sample(
      Calls calls,
      int sample,
      PromptLibrary.GradePrompt prompt,
      LlmPrompt.Rendered request,
      GradingInput input,
      GraderSpec spec,
      Deadline deadline)
      throws LlmFailure {
    RubricSpec rubric = input.question().rubric();
    Set<String> shownIds = Set.copyOf(request.exemplarIds());
    List<LlmClient.Message> conversation = new ArrayList<>(request.messages());
    for (String kind : List.of("grade", "repair")) {
      long t0 = System.nanoTime();
      LlmClient.Reply reply;
      try {
        reply =
            client.call(
                new LlmClient.Request(
                    conversation, spec.model(), spec.temperature(), request.schema()),
                deadline,
                failed -> calls.attempts.add(failedAttempt(sample, kind, failed)));
      } finally {
        calls.llmNanos += System.nanoTime() - t0;
      }
      long t1 = System.nanoTime();
      List<GradeVerifier.Violation> violations =
          reply.grade() == null
              ? List.of(new GradeVerifier.Violation("malformed-output", reply.parseError()))
              : GradeVerifier.verify(reply.grade(), rubric, shownIds, shown(input.answer()));
      calls.verifyNanos += System.nanoTime() - t1;
      calls.raws.add(reply.raw());
      calls.attempts.add(
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
        calls.valid.add(reply.grade());
        calls.repaired |= kind.equals("repair");
        return;
      }
      if (kind.equals("repair")) {
        calls.flags.add("llm-invalid-output");
        return;
      }
      conversation.add(
          LlmClient.Message.assistant(
              reply.raw() == null || reply.raw().isBlank() ? "(empty reply)" : reply.raw()));
      conversation.add(
          LlmClient.Message.user(
              renderer.repair(prompt, rubric, request, reply.raw(), violations)));
    }
  }

  private static Provenance.LlmAttempt failedAttempt(
      int sample, String kind, LlmClient.FailedAttempt failed) {
    return new Provenance.LlmAttempt(
        sample,
        kind,
        0,
        0,
        failed.latencyMs(),
        List.of(),
        failed.kind().flag + ": " + failed.error());
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
}
