package dev.assay.llm;

import dev.assay.platform.Hashing;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The grading prompt templates, loaded once from {@code prompts/<id>/<version>/} on the class path,
 * with their content hash for provenance.
 */
@ApplicationScoped
public class PromptLibrary {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z_]+)}}");

  private final GradePrompt prompt;

  PromptLibrary(LlmConfig config) {
    String base = "prompts/" + config.promptId() + "/" + config.promptVersion() + "/";
    String system = read(base + "system.md");
    String user = read(base + "user.md");
    String repair = read(base + "repair.md");
    this.prompt =
        new GradePrompt(
            config.promptId(),
            config.promptVersion(),
            Hashing.sha256(system + "\u0000" + user + "\u0000" + repair),
            system,
            user,
            repair);
  }

  /** The configured grading prompt. */
  public GradePrompt grade() {
    return prompt;
  }

  /** One versioned prompt: its templates and the SHA-256 of their contents. */
  public record GradePrompt(
      String id, String version, String hash, String system, String user, String repair) {}

  /** Replaces every {@code {{name}}}; fails when a placeholder has no value. */
  public static String render(String template, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        throw new IllegalArgumentException(
            "prompt placeholder {{" + m.group(1) + "}} has no value");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String read(String resource) {
    try (InputStream in =
        Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing prompt template " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
