package dev.assay.review;

import dev.assay.grading.Provenance;
import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.List;

/**
 * A grade's provenance as a reviewer reads it: what made the grade (rubric version, grader
 * configuration, prompt, model), what it cost (tokens) and how long each stage took.
 */
final class ProvenanceFacts {
  private ProvenanceFacts() {}

  @TemplateData
  record Fact(String name, String value) {}

  static List<Fact> of(Provenance p) {
    List<Fact> out = new ArrayList<>();
    add(out, "Rubric version", p.rubricVersion());
    if (p.graderConfig() != null) {
      Provenance.ConfigRef c = p.graderConfig();
      add(
          out,
          "Grader configuration",
          c.name() + " v" + c.version() + " (spec " + shortHash(c.specHash()) + ")");
    }
    add(out, "Grader", p.grader());
    if (p.scoringModel() != null) {
      add(out, "Scoring model", p.scoringModel().ref() + " (" + p.scoringModel().kind() + ")");
    }
    if (p.prompt() != null) {
      Provenance.PromptRef prompt = p.prompt();
      add(
          out,
          "Prompt",
          prompt.id() + " version " + prompt.version() + " (" + shortHash(prompt.hash()) + ")");
    }
    add(out, "Model", p.model() != null ? p.model().name() : "none: graded offline");
    add(out, "LLM calls", p.llmAttempts() == null ? null : p.llmAttempts().size());
    if (p.tokens() != null) {
      add(out, "Tokens", p.tokens().input() + " in, " + p.tokens().output() + " out");
    }
    add(out, "Embedding model", p.embeddingModel());
    add(out, "Grader confidence", p.graderConfidence());
    add(out, "Reused from grade", p.reusedFrom());
    return out;
  }

  /** Milliseconds per grading stage, in the order they ran. */
  static List<Fact> latency(Provenance p) {
    List<Fact> out = new ArrayList<>();
    if (p.latencyMs() != null) {
      p.latencyMs().forEach((stage, ms) -> out.add(new Fact(stage, ms + " ms")));
    }
    return out;
  }

  private static void add(List<Fact> out, String name, Object value) {
    if (value != null) {
      out.add(new Fact(name, String.valueOf(value)));
    }
  }

  private static String shortHash(String hash) {
    return hash != null && hash.length() > 12 ? hash.substring(0, 12) : String.valueOf(hash);
  }
}
