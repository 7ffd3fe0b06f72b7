package dev.assay.grading;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.llm.LlmConfig;
import dev.assay.llm.PromptLibrary;
import dev.assay.platform.ApiException;
import dev.assay.platform.CanonicalJson;
import dev.assay.platform.Jdbc;
import dev.assay.workspace.WorkspaceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The grader configurations of each workspace: the immutable named versions, which one grades live
 * traffic, and which one (if any) grades it again in shadow. Activation goes through the promotion
 * gate (package {@code calibration}); nothing here decides whether a configuration is good.
 */
@ApplicationScoped
public class GraderConfigs {
  private static final String COLUMNS =
      "c.id, c.name, c.version, c.spec, c.spec_hash, c.description, c.created_at";

  private final Jdbc jdbc;
  private final WorkspaceRepository workspaces;
  private final ObjectMapper json;
  private final LlmConfig llm;
  private final GradingConfig grading;
  private final PromptLibrary prompts;
  private final CanonicalJson canonical;
  // The service settings do not change while it runs: built once, not on every grade.
  private final GraderConfig deploymentDefault;

  GraderConfigs(
      Jdbc jdbc,
      WorkspaceRepository workspaces,
      ObjectMapper json,
      LlmConfig llm,
      GradingConfig grading,
      PromptLibrary prompts,
      CanonicalJson canonical) {
    this.canonical = canonical;
    this.jdbc = jdbc;
    this.workspaces = workspaces;
    this.json = json;
    this.llm = llm;
    this.grading = grading;
    this.prompts = prompts;
    GraderSpec spec = defaults(llm.enabled() ? GraderSpec.LLM : GraderSpec.OFFLINE);
    this.deploymentDefault =
        new GraderConfig(
            null,
            GraderConfig.DEPLOYMENT_DEFAULT,
            0,
            spec,
            hash(spec),
            "from the service settings (assay.llm.*, assay.grading.*)",
            null);
  }

  /** What the service's settings say: the LLM grader when an endpoint is set, else offline. */
  public GraderConfig deploymentDefault() {
    return deploymentDefault;
  }

  /** The configuration grading a workspace's live traffic, and the one shadowing it, if any. */
  public record Assignment(GraderConfig active, Optional<GraderConfig> shadow) {}

  /** Both of the workspace's assignments in one read (the grading request's path). */
  public Assignment assignment(long workspaceId) {
    GraderConfig active = null;
    GraderConfig shadow = null;
    for (Assigned a :
        jdbc.list(
            "read the workspace's grader configurations",
            "SELECT w.active_grader_config_id = c.id AS is_active, "
                + COLUMNS
                + " FROM workspace w JOIN grader_config c"
                + " ON c.id IN (w.active_grader_config_id, w.shadow_grader_config_id)"
                + " WHERE w.id = ?",
            r -> new Assigned(r.bool("is_active"), row(r)),
            workspaceId)) {
      if (a.active()) {
        active = a.config();
      } else {
        shadow = a.config();
      }
    }
    return new Assignment(active == null ? deploymentDefault : active, Optional.ofNullable(shadow));
  }

  private record Assigned(boolean active, GraderConfig config) {}

  /** The configuration grading the workspace's live traffic. */
  public GraderConfig active(long workspaceId) {
    return assignment(workspaceId).active();
  }

  /** The configuration grading the workspace's live traffic in shadow, if any. */
  public Optional<GraderConfig> shadow(long workspaceId) {
    return assignment(workspaceId).shadow();
  }

  /** Versions of every configuration of the workspace, newest first per name. */
  public List<GraderConfig> list(long workspaceId) {
    return jdbc.list(
        "list grader configurations",
        "SELECT "
            + COLUMNS
            + " FROM grader_config c WHERE c.workspace_id = ?"
            + " ORDER BY c.name, c.version DESC",
        this::row,
        workspaceId);
  }

  /**
   * A configuration by {@code name} or {@code name@version} (latest version when none is given);
   * {@code deployment-default} names the service's own settings. 404 when absent.
   */
  public GraderConfig find(long workspaceId, String ref) {
    int at = ref.lastIndexOf('@');
    String name = at < 0 ? ref : ref.substring(0, at);
    Integer version = null;
    if (at >= 0) {
      try {
        version = Integer.valueOf(ref.substring(at + 1));
      } catch (NumberFormatException e) {
        throw ApiException.badRequest(
            "invalid-grader-config", "'" + ref + "' is not NAME or NAME@VERSION");
      }
    }
    if (name.equals(GraderConfig.DEPLOYMENT_DEFAULT) && (version == null || version == 0)) {
      return deploymentDefault();
    }
    return jdbc.first(
            "find a grader configuration",
            "SELECT "
                + COLUMNS
                + " FROM grader_config c WHERE c.workspace_id = ? AND c.name = ?"
                + " AND (?::int IS NULL OR c.version = ?) ORDER BY c.version DESC LIMIT 1",
            this::row,
            workspaceId,
            name,
            version,
            version)
        .orElseThrow(() -> ApiException.notFound("grader configuration", ref));
  }

  /** A stored version and whether this call created it (false: the latest version is the same). */
  public record Saved(GraderConfig config, boolean created) {}

  /**
   * Stores {@code spec} (completed from the deployment defaults) as the next version of {@code
   * name}, unless the latest version already is that configuration.
   */
  public Saved save(
      long workspaceId, String name, GraderSpec requested, String description, UUID createdBy) {
    if (name.equals(GraderConfig.DEPLOYMENT_DEFAULT)) {
      throw ApiException.conflict(
          "reserved-name", "'" + name + "' names the service's own settings");
    }
    GraderSpec spec = complete(requested);
    check(spec);
    String hash = hash(spec);
    Optional<GraderConfig> latest =
        list(workspaceId).stream().filter(c -> c.name().equals(name)).findFirst();
    if (latest.isPresent() && latest.get().specHash().equals(hash)) {
      return new Saved(latest.get(), false);
    }
    int version = latest.map(c -> c.version() + 1).orElse(1);
    GraderConfig saved =
        jdbc.first(
                "store a grader configuration",
                "INSERT INTO grader_config AS c (workspace_id, name, version, spec, spec_hash,"
                    + " description, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (workspace_id, name, version) DO NOTHING RETURNING "
                    + COLUMNS,
                this::row,
                workspaceId,
                name,
                version,
                jdbc.json(spec),
                hash,
                description,
                createdBy)
            .orElseThrow(
                () ->
                    ApiException.conflict(
                        "concurrent-version", "another version of '" + name + "' was just saved"));
    return new Saved(saved, true);
  }

  /** Makes a stored configuration (or the deployment default, when null) the active one. */
  public void activate(long workspaceId, Long configId) {
    workspaces.setActiveGraderConfig(workspaceId, configId);
  }

  /** Starts (or, with null, stops) shadow grading with a stored configuration. */
  public void shadowWith(long workspaceId, Long configId) {
    workspaces.setShadowGraderConfig(workspaceId, configId);
  }

  /** The request's fields, the rest from the deployment defaults of its mode. */
  public GraderSpec complete(GraderSpec requested) {
    String mode = requested.mode() == null ? GraderSpec.OFFLINE : requested.mode();
    GraderSpec defaults = defaults(mode);
    if (requested.samples() != null && requested.samples() > 1 && requested.temperature() == null) {
      defaults =
          new GraderSpec(
              mode,
              defaults.model(),
              defaults.promptVersion(),
              defaults.k(),
              defaults.samples(),
              llm.sampleTemperature(),
              defaults.exemplars(),
              null,
              null,
              null);
    }
    return requested.completedFrom(defaults);
  }

  /** An LLM configuration needs an endpoint to grade with and a prompt version that ships. */
  public void check(GraderSpec spec) {
    if (!spec.llm()) {
      return;
    }
    if (!llm.enabled()) {
      throw ApiException.unprocessable(
          "llm-not-configured",
          "this service has no LLM endpoint (ASSAY_LLM_BASE_URL), so an llm configuration cannot"
              + " grade");
    }
    if (!prompts.exists(spec.promptVersion())) {
      throw ApiException.unprocessable(
          "unknown-prompt-version",
          "prompts/grade/" + spec.promptVersion() + " does not exist in this build");
    }
  }

  private GraderSpec defaults(String mode) {
    boolean isLlm = GraderSpec.LLM.equals(mode);
    return new GraderSpec(
        mode,
        isLlm ? llm.model() : null,
        isLlm ? llm.promptVersion() : null,
        grading.exemplarsPerLabel(),
        isLlm ? llm.samples() : null,
        isLlm ? (llm.samples() > 1 ? llm.sampleTemperature() : llm.temperature()) : null,
        "retrieved",
        null,
        isLlm ? null : GraderSpec.LEARNED,
        null);
  }

  private String hash(GraderSpec spec) {
    return canonical.hash(spec);
  }

  private GraderConfig row(Jdbc.Row r) throws SQLException {
    return new GraderConfig(
        r.longValue("id"),
        r.string("name"),
        r.intValue("version"),
        r.json("spec", GraderSpec.class),
        r.string("spec_hash"),
        r.string("description"),
        r.time("created_at"));
  }
}
