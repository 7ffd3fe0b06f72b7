package dev.assay.evaluation;

import dev.assay.grading.GraderConfig;
import dev.assay.grading.GraderConfigs;
import dev.assay.platform.ApiException;
import dev.assay.platform.PathIds;
import dev.assay.security.Caller;
import dev.assay.security.Roles;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Evaluation runs of the workspace: start one, follow it, read its reports. */
@Path("/api/v1/eval-runs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Evaluation")
@RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
@RunOnVirtualThread
class EvalRunResource {
  private final EvalRunService service;
  private final EvalRuns runs;
  private final GateSets gateSets;
  private final GraderConfigs configs;
  private final Caller caller;

  EvalRunResource(
      EvalRunService service,
      EvalRuns runs,
      GateSets gateSets,
      GraderConfigs configs,
      Caller caller) {
    this.service = service;
    this.runs = runs;
    this.gateSets = gateSets;
    this.configs = configs;
    this.caller = caller;
  }

  /**
   * Either {@code rows} (eval-set rows, the format of eval-sets/README.md) or {@code gateSet: true}
   * (the workspace's gate set, graded against its bank). The split options are those of {@code
   * bin/assay eval}.
   */
  record RunRequest(
      @Size(max = 200) String dataset,
      @Size(max = 20000) List<EvalRow> rows,
      Boolean gateSet,
      Boolean bank,
      @Size(max = 120) String config,
      @Size(max = 50) String splitSeed,
      @Size(max = 50) String gradeSplit,
      @Min(0) @Max(1000) Integer seedPerQuestion,
      Long seed,
      @Min(1) Integer maxQuestions,
      @Min(1) Integer maxPerQuestion,
      @Size(max = 2) List<@NotNull String> ablations) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Start an evaluation run (202); it grades in the background",
      description = "Follow it with GET /api/v1/eval-runs/{id}; the report is served when done")
  public Response start(@Valid @NotNull RunRequest body) {
    long ws = caller.workspaceId();
    boolean useGate = Boolean.TRUE.equals(body.gateSet());
    if (useGate == (body.rows() != null)) {
      throw ApiException.badField("rows", "give either rows or gateSet: true");
    }
    GateSets.GateSet gate = useGate ? gateSets.require(ws) : null;
    List<EvalRow> rows = useGate ? gate.rows() : body.rows();
    var problems = EvalSet.problems(rows);
    if (!problems.isEmpty()) {
      throw ApiException.badFields(problems);
    }
    EvalOptions options;
    try {
      options =
          new EvalOptions(
              null,
              Optional.ofNullable(body.splitSeed()),
              body.seedPerQuestion() == null ? 0 : body.seedPerQuestion(),
              body.seed() == null ? 42 : body.seed(),
              Optional.ofNullable(body.gradeSplit()),
              body.maxQuestions() == null ? Integer.MAX_VALUE : body.maxQuestions(),
              body.maxPerQuestion() == null ? Integer.MAX_VALUE : body.maxPerQuestion(),
              Optional.ofNullable(body.config()),
              useGate || Boolean.TRUE.equals(body.bank()),
              body.ablations() == null ? List.of() : body.ablations(),
              null);
    } catch (IllegalArgumentException e) {
      throw ApiException.badField("ablations", e.getMessage());
    }
    GraderConfig config =
        body.config() == null ? configs.active(ws) : configs.find(ws, body.config());
    configs.check(config.spec());
    String dataset = useGate ? gate.name() : Optional.ofNullable(body.dataset()).orElse("api");
    UUID id =
        service.submit(
            new EvalRunService.Plan(
                ws, "api", dataset, rows, options, config, false, caller.keyId()));
    return Response.accepted(runs.get(ws, id).run())
        .location(URI.create("/api/v1/eval-runs/" + id))
        .build();
  }

  @GET
  @Operation(summary = "The workspace's evaluation runs, newest first (without reports)")
  public List<EvalRuns.RunView> list(
      @QueryParam("page") @DefaultValue("0") @Min(0) int page,
      @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
    return runs.list(caller.workspaceId(), page, size);
  }

  @GET
  @Path("{id}")
  @Operation(summary = "A run: status, progress and, once done, its JSON report")
  public EvalRuns.RunDetail get(@PathParam("id") String id) {
    return runs.get(caller.workspaceId(), PathIds.uuid("evaluation run", id));
  }

  @GET
  @Path("{id}/report.html")
  @Produces(MediaType.TEXT_HTML)
  @Operation(summary = "A finished run's self-contained HTML report (plots as inline SVG)")
  public String html(@PathParam("id") String id) {
    return runs.html(caller.workspaceId(), PathIds.uuid("evaluation run", id));
  }
}
