package dev.assay.grading;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Grading metrics: grades by mode and flag, stage latencies, LLM tokens, fallbacks, violations. */
@ApplicationScoped
class GradingMetrics {
  private final MeterRegistry registry;

  GradingMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void graded(GradingMode mode, List<String> flags) {
    Counter.builder("assay.grades")
        .description("Grades logged, by mode")
        .tag("mode", mode.wire())
        .register(registry)
        .increment();
    for (String flag : flags) {
      Counter.builder("assay.grades.flagged")
          .description("Grades logged, by flag")
          .tag("flag", flag)
          .register(registry)
          .increment();
    }
  }

  /** One run of the grading pipeline (an idempotent replay runs none). */
  void pipelineRun() {
    Counter.builder("assay.grading.runs")
        .description("Runs of the grading pipeline")
        .register(registry)
        .increment();
  }

  void stage(String stage, long nanos) {
    Timer.builder("assay.grading.stage")
        .description("Latency of one grading stage")
        .tag("stage", stage)
        .publishPercentiles(0.5, 0.95)
        .register(registry)
        .record(java.time.Duration.ofNanos(nanos));
  }

  void tokens(int input, int output) {
    Counter.builder("assay.llm.tokens")
        .tag("direction", "input")
        .register(registry)
        .increment(input);
    Counter.builder("assay.llm.tokens")
        .tag("direction", "output")
        .register(registry)
        .increment(output);
  }

  /** The grading prompt's size counted locally, so the prompt budget's p95 can be watched. */
  void promptTokens(int tokens) {
    DistributionSummary.builder("assay.llm.prompt.tokens")
        .description("Input tokens of a grading prompt (o200k_base)")
        .publishPercentiles(0.5, 0.95)
        .register(registry)
        .record(tokens);
  }

  void fallback(String reason) {
    Counter.builder("assay.llm.fallbacks")
        .description("Grades that fell back to the offline grader")
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  void violation(String kind) {
    Counter.builder("assay.llm.verification.failures")
        .description("LLM replies that broke a verification rule")
        .tag("kind", kind)
        .register(registry)
        .increment();
  }
}
