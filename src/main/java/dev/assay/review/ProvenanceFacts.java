package dev.assay.review;

import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A grade's provenance as a reviewer reads it: what made the grade (rubric version, grader
 * configuration, prompt, model), what it cost (tokens) and how long each stage took.
 */
final class ProvenanceFacts {
  private ProvenanceFacts() {}

  @TemplateData
  record Fact(String name, String value) {}

  static List<Fact> of(Map<String, Object> p) {
    List<Fact> out = new ArrayList<>();
    add(out, "Rubric version", p.get("rubricVersion"));
    if (p.get("graderConfig") instanceof Map<?, ?> c) {
      add(
          out,
          "Grader configuration",
          c.get("name") + " v" + c.get("version") + " (spec " + shortHash(c.get("specHash")) + ")");
    }
    add(out, "Grader", p.get("grader"));
    if (p.get("scoringModel") instanceof Map<?, ?> m) {
      add(out, "Scoring model", m.get("ref") + " (" + m.get("kind") + ")");
    }
    if (p.get("prompt") instanceof Map<?, ?> prompt) {
      add(
          out,
          "Prompt",
          prompt.get("id")
              + " version "
              + prompt.get("version")
              + " ("
              + shortHash(prompt.get("hash"))
              + ")");
    }
    add(
        out,
        "Model",
        p.get("model") instanceof Map<?, ?> m ? m.get("name") : "none: graded offline");
    Object attempts = p.get("llmAttempts");
    add(out, "LLM calls", attempts instanceof List<?> calls ? calls.size() : attempts);
    if (p.get("tokens") instanceof Map<?, ?> t) {
      add(out, "Tokens", t.get("input") + " in, " + t.get("output") + " out");
    }
    add(out, "Embedding model", p.get("embeddingModel"));
    add(out, "Grader confidence", p.get("graderConfidence"));
    add(out, "Reused from grade", p.get("reusedFrom"));
    return out;
  }

  /** Milliseconds per grading stage, in the order they ran. */
  static List<Fact> latency(Map<String, Object> p) {
    List<Fact> out = new ArrayList<>();
    if (p.get("latencyMs") instanceof Map<?, ?> stages) {
      stages.forEach((stage, ms) -> out.add(new Fact(String.valueOf(stage), ms + " ms")));
    }
    return out;
  }

  private static void add(List<Fact> out, String name, Object value) {
    if (value != null) {
      out.add(new Fact(name, String.valueOf(value)));
    }
  }

  private static String shortHash(Object hash) {
    String h = String.valueOf(hash);
    return h.length() > 12 ? h.substring(0, 12) : h;
  }
}
