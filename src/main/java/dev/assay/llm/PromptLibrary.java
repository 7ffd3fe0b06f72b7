package dev.assay.llm;

import dev.assay.platform.Hashing;
import dev.langchain4j.model.input.PromptTemplate;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The grading prompt templates, loaded once from {@code prompts/<id>/<version>/} on the class path,
 * with their content hash for provenance.
 */
@ApplicationScoped
public class PromptLibrary {
  private final LlmConfig config;
  private final Map<String, GradePrompt> loaded = new ConcurrentHashMap<>();

  PromptLibrary(LlmConfig config) {
    this.config = config;
    grade(config.promptVersion());
  }

  /** The deployment's configured grading prompt. */
  public GradePrompt grade() {
    return grade(config.promptVersion());
  }

  /** A version of the grading prompt; {@link IllegalArgumentException} when it does not exist. */
  public GradePrompt grade(String version) {
    return loaded.computeIfAbsent(version, v -> load(config.promptId(), v));
  }

  /** Whether that version of the grading prompt ships with this build. */
  public boolean exists(String version) {
    return loaded.containsKey(version) || resource(config.promptId(), version, "system.md") != null;
  }

  private static GradePrompt load(String id, String version) {
    String system = read(id, version, "system.md");
    String user = read(id, version, "user.md");
    String repair = read(id, version, "repair.md");
    return new GradePrompt(
        id,
        version,
        Hashing.sha256(system + "\u0000" + user + "\u0000" + repair),
        system,
        user,
        repair);
  }

  /**
   * One versioned prompt: its templates and the SHA-256 of their contents. The user and repair
   * templates are LangChain4j {@link PromptTemplate}s: each {@code {{name}}} is filled in one pass
   * (a value that itself contains {@code {{...}}}, such as an answer, is not expanded again), and a
   * placeholder without a value fails.
   */
  public record GradePrompt(
      String id, String version, String hash, String system, String user, String repair) {

    /**
     * Whether the user template has the placeholder {@code {{name}}}: versions lay the rubric and
     * the exemplars out differently and name the layout they want.
     */
    public boolean uses(String name) {
      return user.contains("{{" + name + "}}");
    }

    public String user(Map<String, Object> values) {
      return PromptTemplate.from(user).apply(values).text();
    }

    public String repair(Map<String, Object> values) {
      return PromptTemplate.from(repair).apply(values).text();
    }
  }

  private static java.net.URL resource(String id, String version, String file) {
    return Thread.currentThread()
        .getContextClassLoader()
        .getResource("prompts/" + id + "/" + version + "/" + file);
  }

  private static String read(String id, String version, String file) {
    java.net.URL url = resource(id, version, file);
    if (url == null) {
      throw new IllegalArgumentException(
          "missing prompt template prompts/" + id + "/" + version + "/" + file);
    }
    try (InputStream in = url.openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
