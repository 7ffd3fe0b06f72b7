package dev.assay.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.platform.Jdbc;
import dev.assay.queue.ServiceMode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Delivers finished batches' callbacks: any serving instance claims a due delivery ({@code FOR
 * UPDATE SKIP LOCKED}, pushing its next try past the delivery deadline so a crash mid-delivery only
 * delays it), POSTs the signed summary, and records success, the next try (exponential backoff) or
 * the final failure. A receiver may see a delivery twice (a crash after it answered): the body
 * carries the batch id for it to de-duplicate.
 */
@ApplicationScoped
class CallbackSender {
  private static final Logger LOG = Logger.getLogger(CallbackSender.class);

  private final Jdbc jdbc;
  private final BatchRepository batches;
  private final CallbackSecrets secrets;
  private final BatchConfig config;
  private final ObjectMapper json;
  private final ServiceMode mode;

  /**
   * Made on the first delivery: most starts never send a callback (its set-up is ~4% of a start).
   */
  private HttpClient http;

  private volatile boolean running;
  private Thread thread;

  CallbackSender(
      Jdbc jdbc,
      BatchRepository batches,
      CallbackSecrets secrets,
      BatchConfig config,
      ObjectMapper json,
      ServiceMode mode) {
    this.jdbc = jdbc;
    this.batches = batches;
    this.secrets = secrets;
    this.config = config;
    this.json = json;
    this.mode = mode;
  }

  /** What the receiver gets: the batch's final counts and where to read its results. */
  record Payload(
      UUID batchId, BatchStatus status, int total, int done, int failed, String results) {}

  private record Due(UUID id, long workspaceId, String url, int attempts) {}

  private synchronized HttpClient http() {
    if (http == null) {
      http = HttpClient.newBuilder().connectTimeout(config.callbackTimeout()).build();
    }
    return http;
  }

  void onStart(@Observes StartupEvent event) {
    if (!mode.serving()) {
      return;
    }
    running = true;
    thread = Thread.ofPlatform().daemon().name("assay-batch-callbacks").start(this::loop);
  }

  void onStop(@Observes ShutdownEvent event) {
    running = false;
    if (thread != null) {
      thread.interrupt();
    }
  }

  private void loop() {
    while (running) {
      try {
        Optional<Due> due = claim();
        if (due.isPresent()) {
          deliver(due.get());
        } else {
          Thread.sleep(500);
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warnf("batch callbacks: %s", e.getMessage());
        try {
          Thread.sleep(1000);
        } catch (InterruptedException stop) {
          return;
        }
      }
    }
  }

  private Optional<Due> claim() {
    return jdbc.first(
        "claim a batch callback",
        """
        UPDATE grade_batch SET callback_attempts = callback_attempts + 1,
            callback_next_at = now() + ? * interval '1 millisecond'
        WHERE id = (SELECT id FROM grade_batch
                    WHERE callback_status = 'pending' AND callback_next_at <= now()
                    ORDER BY callback_next_at LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING id, workspace_id, callback_url, callback_attempts
        """,
        r ->
            new Due(
                r.uuid("id"),
                r.longValue("workspace_id"),
                r.string("callback_url"),
                r.intValue("callback_attempts")),
        config.callbackTimeout().multipliedBy(3).toMillis());
  }

  private void deliver(Due due) throws InterruptedException {
    BatchView batch = batches.find(due.workspaceId(), due.id(), null).orElseThrow();
    String body = body(batch);
    String failure = post(due, body);
    if (failure == null) {
      record(due.id(), "delivered", null, null);
      LOG.infof("batch %s: callback delivered to %s", due.id(), due.url());
    } else if (due.attempts() >= config.callbackMaxAttempts()) {
      record(due.id(), "failed", failure, null);
      LOG.warnf(
          "batch %s: callback given up after %d tries: %s", due.id(), due.attempts(), failure);
    } else {
      Duration next = config.callbackBackoff().multipliedBy(1L << Math.min(due.attempts() - 1, 12));
      record(due.id(), "pending", failure, next);
    }
  }

  /** Null on a 2xx reply, else what went wrong. */
  private String post(Due due, String body) throws InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(due.url()))
            .timeout(config.callbackTimeout())
            .header("Content-Type", "application/json")
            .header("Assay-Batch-Id", due.id().toString())
            .header(
                CallbackSecrets.HEADER,
                secrets.header(due.workspaceId(), Instant.now().getEpochSecond(), body))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    CompletableFuture<HttpResponse<Void>> reply =
        http().sendAsync(request, HttpResponse.BodyHandlers.discarding());
    try {
      // The request timeout does not stop a reply that trickles in: bound the whole exchange.
      int status =
          reply.get(config.callbackTimeout().toMillis(), TimeUnit.MILLISECONDS).statusCode();
      return status / 100 == 2 ? null : "HTTP " + status;
    } catch (TimeoutException e) {
      reply.cancel(true);
      return "no complete reply within " + config.callbackTimeout();
    } catch (ExecutionException e) {
      return e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage();
    }
  }

  private String body(BatchView b) {
    try {
      return json.writeValueAsString(
          new Payload(
              b.id(),
              b.status(),
              b.total(),
              b.done(),
              b.failed(),
              "/api/v1/grade-batches/" + b.id() + "/results?format=jsonl"));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("callback payload is plain data", e);
    }
  }

  private void record(UUID id, String status, String error, Duration next) {
    jdbc.update(
        "record a callback delivery",
        "UPDATE grade_batch SET callback_status = ?, callback_error = ?,"
            + " callback_next_at = CASE WHEN ?::bigint IS NULL THEN NULL"
            + " ELSE now() + ? * interval '1 millisecond' END WHERE id = ?",
        status,
        error,
        next == null ? null : next.toMillis(),
        next == null ? null : next.toMillis(),
        id);
  }
}
