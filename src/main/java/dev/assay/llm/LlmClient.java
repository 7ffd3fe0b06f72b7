package dev.assay.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import io.quarkus.runtime.Startup;
import io.smallrye.faulttolerance.api.CustomBackoffStrategy;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

/**
 * The boundary to the OpenAI-compatible endpoint: one grading call with JSON-schema structured
 * output, inside the grade's {@link Deadline}. SmallRye Fault Tolerance supplies the retry (with
 * {@code Retry-After} or exponential backoff, only while the wait fits the deadline), a circuit
 * breaker per model that lets one probe through after its open window, and a bulkhead per model.
 */
@ApplicationScoped
@Startup
public class LlmClient {
  private static final Logger LOG = Logger.getLogger(LlmClient.class);

  private final LlmConfig config;
  private final ObjectMapper json;
  private final ReplyReader replies;
  private final OpenAiTransport transport;
  private final Map<String, Guard> guards = new ConcurrentHashMap<>();

  LlmClient(LlmConfig config, ObjectMapper json) {
    this.config = config;
    this.json = json;
    this.replies = new ReplyReader(json);
    this.transport =
        new OpenAiTransport(config.baseUrl().orElse("http://127.0.0.1:9/v1"), config.apiKey());
    if (config.enabled()) {
      // Built at start-up, so the first grade's deadline is not spent setting them up.
      guard(config.model());
      transport.prepare();
    }
  }

  /** One chat message in the OpenAI wire format. */
  public record Message(String role, String content) {
    public static Message system(String content) {
      return new Message("system", content);
    }

    public static Message user(String content) {
      return new Message("user", content);
    }

    public static Message assistant(String content) {
      return new Message("assistant", content);
    }
  }

  /** What is sent: the conversation, the model and its temperature, and the reply's schema. */
  public record Request(
      List<Message> messages, String model, double temperature, JsonObjectSchema schema) {}

  /**
   * A reply: the raw text (kept for audit), the typed grade or why the text is not one, token
   * counts and the elapsed time of the attempt that produced it.
   */
  public record Reply(
      String raw,
      LlmGrade grade,
      String parseError,
      int inputTokens,
      int outputTokens,
      long latencyMs) {}

  /** An attempt that produced no reply: how long it took and why it failed. */
  public record FailedAttempt(long latencyMs, LlmFailure.Kind kind, String error) {}

  /**
   * Sends the request, retrying within {@code deadline}; every attempt that fails is reported to
   * {@code failed} with its elapsed time. Throws {@link LlmFailure} when no reply arrives.
   */
  public Reply call(Request request, Deadline deadline, Consumer<FailedAttempt> failed)
      throws LlmFailure {
    String body = body(request);
    AtomicInteger attempt = new AtomicInteger();
    long[] started = {System.nanoTime()};
    try {
      return guard(request.model())
          .call(
              () -> {
                try {
                  return attempt(body, deadline, attempt.getAndIncrement(), failed);
                } finally {
                  // A refusal by the breaker or bulkhead before the next attempt is timed from
                  // here.
                  started[0] = System.nanoTime();
                }
              },
              Reply.class);
    } catch (LlmFailure e) {
      throw e.finalAttempt();
    } catch (CircuitBreakerOpenException e) {
      throw refused(LlmFailure.Kind.CIRCUIT_OPEN, "circuit open", started, failed, e);
    } catch (BulkheadException e) {
      throw refused(LlmFailure.Kind.BUSY, "too many concurrent LLM calls", started, failed, e);
    } catch (Exception e) {
      throw new LlmFailure(LlmFailure.Kind.UNAVAILABLE, "the LLM call failed: " + e, e);
    }
  }

  private Reply attempt(String body, Deadline deadline, int n, Consumer<FailedAttempt> failed)
      throws LlmFailure {
    long start = System.nanoTime();
    try {
      if (deadline.expired()) {
        throw new LlmFailure(
            LlmFailure.Kind.TIMEOUT,
            "the grade's deadline of " + deadline.budget() + " passed",
            null);
      }
      Duration limit = min(config.attemptTimeout(), deadline.remaining());
      OpenAiTransport.Response response = transport.post(body, limit);
      if (response.status() / 100 == 2) {
        return replies.read(response.body(), millisSince(start));
      }
      throw refusal(response);
    } catch (LlmFailure f) {
      LlmFailure next = withBackoff(f, n, deadline);
      failed.accept(new FailedAttempt(millisSince(start), f.kind(), next.getMessage()));
      if (next.retriable()) {
        LOG.debugf("LLM attempt %d failed (%s), next in %s", n + 1, f.kind(), next.backoff());
      }
      throw next;
    }
  }

  /**
   * The failure with the wait before the next attempt, or with none when the fault is permanent,
   * attempts are used up, or the wait (the server's {@code Retry-After}, else exponential backoff)
   * does not fit in what is left of the deadline: failing fast then beats sleeping into a timeout.
   */
  private LlmFailure withBackoff(LlmFailure f, int n, Deadline deadline) {
    if (!f.kind().transientFault()
        || f.kind() == LlmFailure.Kind.CIRCUIT_OPEN
        || n >= config.retries()) {
      return f.finalAttempt();
    }
    Duration wait =
        f.retriable() ? f.backoff() : config.retryBackoff().multipliedBy(1L << Math.min(n, 10));
    if (wait.compareTo(deadline.remaining()) >= 0) {
      return new LlmFailure(
          f.kind(),
          f.getMessage()
              + "; the next attempt would start after "
              + wait.toMillis()
              + " ms, past the deadline",
          f.getCause());
    }
    return new LlmFailure(f.kind(), f.getMessage(), f.getCause(), wait);
  }

  private static LlmFailure refusal(OpenAiTransport.Response response) {
    int status = response.status();
    String detail = "the LLM endpoint answered " + status;
    if (status == 429) {
      // The server's wait travels in the failure; withBackoff decides whether it fits.
      return new LlmFailure(
          LlmFailure.Kind.RATE_LIMITED,
          detail
              + response.retryAfter().map(d -> " (Retry-After " + d.toMillis() + " ms)").orElse(""),
          null,
          response.retryAfter().orElse(null));
    }
    if (status >= 500 || status == 408) {
      return new LlmFailure(LlmFailure.Kind.UNAVAILABLE, detail, null);
    }
    return new LlmFailure(
        LlmFailure.Kind.REJECTED, detail + ": " + abbreviate(response.body()), null);
  }

  private static LlmFailure refused(
      LlmFailure.Kind kind,
      String message,
      long[] started,
      Consumer<FailedAttempt> failed,
      Exception cause) {
    failed.accept(new FailedAttempt(millisSince(started[0]), kind, message));
    return new LlmFailure(kind, message, cause);
  }

  /**
   * The guard of one model: retry outermost, so every attempt passes the breaker and the bulkhead
   * on its own (SmallRye's fixed order: retry, circuit breaker, bulkhead).
   */
  private Guard guard(String model) {
    return guards.computeIfAbsent(
        model,
        m ->
            Guard.create()
                .withDescription("llm " + m)
                .withRetry()
                .maxRetries(config.retries())
                .delay(0, ChronoUnit.MILLIS)
                .jitter(0, ChronoUnit.MILLIS)
                .maxDuration(config.deadline().toMillis() + 1_000, ChronoUnit.MILLIS)
                .whenException(e -> e instanceof LlmFailure f && f.retriable())
                .withCustomBackoff()
                .strategy(() -> new ServerBackoff())
                .done()
                .done()
                .withCircuitBreaker()
                .name("llm-" + m)
                .requestVolumeThreshold(config.breakerWindow())
                .failureRatio(config.breakerFailureRatio())
                .delay(config.breakerOpen().toMillis(), ChronoUnit.MILLIS)
                .successThreshold(1)
                .when(e -> e instanceof LlmFailure f && f.kind().transientFault())
                .onStateChange(s -> LOG.warnf("LLM circuit breaker of %s is now %s", m, s))
                .done()
                .withBulkhead()
                .limit(config.bulkhead())
                .done()
                .build());
  }

  /** The wait each failure carries (computed against the deadline in {@link #withBackoff}). */
  private static final class ServerBackoff implements CustomBackoffStrategy {
    @Override
    public long nextDelayInMillis(Throwable cause) {
      return cause instanceof LlmFailure f ? f.backoff().toMillis() : 0;
    }
  }

  private String body(Request request) throws LlmFailure {
    try {
      return json.writeValueAsString(
          new ChatCompletion.Request(
              request.model(),
              request.messages(),
              request.temperature(),
              config.maxOutputTokens(),
              ChatCompletion.ResponseFormat.strict(
                  GradeSchema.NAME, GradeSchema.wire(request.schema()))));
    } catch (JsonProcessingException e) {
      throw new LlmFailure(LlmFailure.Kind.REJECTED, "the request cannot be written", e);
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  private static String abbreviate(String body) {
    String s = body == null ? "" : body.strip();
    return s.length() <= 200 ? s : s.substring(0, 200) + "…";
  }
}
