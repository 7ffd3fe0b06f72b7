package dev.assay.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.platform.ApiException;
import dev.assay.platform.PathIds;
import dev.assay.security.Caller;
import dev.assay.security.Roles;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
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
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Grade batches: up to 10,000 answers graded in the background by every instance's workers. */
@Path("/api/v1/grade-batches")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Grade batches", description = "Grade many answers at once and follow the batch")
@RolesAllowed({Roles.GRADER, Roles.REVIEWER, Roles.ADMIN})
@RunOnVirtualThread
class BatchResource {
  static final String JSON_LINES = "application/x-ndjson";

  private final BatchService batches;
  private final CallbackSecrets secrets;
  private final Caller caller;
  private final ObjectMapper json;
  private final Validator validator;

  BatchResource(
      BatchService batches,
      CallbackSecrets secrets,
      Caller caller,
      ObjectMapper json,
      Validator validator) {
    this.batches = batches;
    this.secrets = secrets;
    this.caller = caller;
    this.json = json;
    this.validator = validator;
  }

  /** {@code items}: grade requests as for POST /api/v1/grades. */
  record BatchRequest(@NotNull List<JsonNode> items, @Size(max = 2000) String callbackUrl) {}

  /** A page of a batch's results, in line order. */
  record ResultPage(List<ItemResult> items, int page, int size, long total) {}

  /** The workspace's callback signing secret. */
  record Secret(String secret, String header) {}

  /** Grader keys see only the batches they submitted. */
  private UUID owner() {
    return caller.seesOnlyOwn() ? caller.keyId() : null;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.GRADER, Roles.ADMIN})
  @Operation(
      summary = "Grade a batch of answers (202)",
      description =
          "Up to 10,000 grade requests in items, or a JSON Lines upload (Content-Type"
              + " application/x-ndjson, callbackUrl as a query parameter). Every answer is checked"
              + " first: one invalid answer or unknown question refuses the whole batch with a 400"
              + " listing the bad lines, and nothing is queued. Follow it at the Location; the"
              + " optional callbackUrl is POSTed the summary, signed (Assay-Signature), when done.")
  @RequestBody(
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = BatchRequest.class)),
        @Content(
            mediaType = JSON_LINES,
            schema = @Schema(type = SchemaType.STRING, description = "one grade request a line"))
      })
  public Response submit(@NotNull @Valid BatchRequest body) {
    return accepted(BatchInput.fromItems(body.items(), json, validator), body.callbackUrl());
  }

  @POST
  @Consumes(JSON_LINES)
  @RolesAllowed({Roles.GRADER, Roles.ADMIN})
  @Operation(hidden = true)
  public Response submitLines(
      String body, @QueryParam("callbackUrl") @Size(max = 2000) String callbackUrl) {
    return accepted(
        BatchInput.fromJsonLines(body == null ? "" : body, json, validator), callbackUrl);
  }

  private Response accepted(BatchInput.Result input, String callbackUrl) {
    UUID id = batches.submit(caller.workspaceId(), caller.keyId(), input, callbackUrl);
    return Response.accepted(batches.get(caller.workspaceId(), id, null))
        .location(URI.create("/api/v1/grade-batches/" + id))
        .build();
  }

  @GET
  @Path("{id}")
  @Operation(summary = "A batch's progress: done, failed, remaining, rate and ETA")
  public BatchView get(@PathParam("id") String id) {
    return batches.get(caller.workspaceId(), PathIds.uuid("grade batch", id), owner());
  }

  @GET
  @Path("{id}/results")
  @Produces({MediaType.APPLICATION_JSON, JSON_LINES})
  @Operation(
      summary = "A batch's results in line order: a page, or all of them as JSON Lines",
      description = "format=jsonl streams every result, one JSON object a line")
  public Response results(
      @PathParam("id") String id,
      @QueryParam("format") @DefaultValue("json") String format,
      @QueryParam("page") @DefaultValue("0") @Min(0) int page,
      @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
    UUID batchId = PathIds.uuid("grade batch", id);
    long ws = caller.workspaceId();
    UUID owner = owner();
    switch (format) {
      case "json" -> {
        BatchView batch = batches.get(ws, batchId, owner);
        List<ItemResult> items = batches.results(ws, batchId, owner, page, size);
        return Response.ok(new ResultPage(items, page, size, batch.total())).build();
      }
      case "jsonl" -> {
        batches.get(ws, batchId, owner);
        StreamingOutput out =
            stream -> {
              Writer w = new java.io.OutputStreamWriter(stream, StandardCharsets.UTF_8);
              batches.export(ws, batchId, owner, r -> line(w, r));
              w.flush();
            };
        return Response.ok(out, JSON_LINES)
            .header("Content-Disposition", "attachment; filename=\"batch-" + batchId + ".jsonl\"")
            .build();
      }
      default -> throw ApiException.badField("format", "must be json or jsonl");
    }
  }

  private void line(Writer w, ItemResult r) {
    try {
      w.write(json.writeValueAsString(r));
      w.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @GET
  @Path("callback-secret")
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "The workspace's secret for verifying batch callbacks (made on first use)")
  public Secret secret() {
    return new Secret(secrets.secret(caller.workspaceId()), CallbackSecrets.HEADER);
  }

  @POST
  @Path("callback-secret")
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Replace the workspace's callback secret; later callbacks use the new one")
  public Secret rotate() {
    return new Secret(secrets.rotate(caller.workspaceId()), CallbackSecrets.HEADER);
  }
}
