package dev.assay.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The boundary to the OpenAI-compatible endpoint: one grading call with JSON-schema structured
 * output, under an overall deadline (a trickling response cannot outlast it), retries with backoff
 * for 429 and 5xx, a bulkhead and a circuit breaker.
 */
@ApplicationScoped
public class LlmClient {
  private static final Logger LOG = Logger.getLogger(LlmClient.class);
  private static final int MAX_CONCURRENT = 8;

  private final ChatModel model;
  private final LlmConfig config;
  private final ObjectMapper strict;
  private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
  private final Semaphore bulkhead = new Semaphore(MAX_CONCURRENT);
  private final AtomicInteger consecutiveFailures = new AtomicInteger();
  private volatile long openUntil;

  LlmClient(ChatModel model, LlmConfig config, ObjectMapper json) {
    this.model = model;
    this.config = config;
    this.strict =
        LlmGrade.replyReader(json).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  /**
   * A reply: the raw text (kept for audit), the typed grade or why the text is not one, token
   * counts and latency.
   */
  public record Reply(
      String raw,
      LlmGrade grade,
      String parseError,
      int inputTokens,
      int outputTokens,
      long latencyMs) {}

  /** Sends the messages; throws {@link LlmFailure} when no reply arrives in time. */
  public Reply call(List<ChatMessage> messages, String modelName, double temperature)
      throws LlmFailure {
    if (System.currentTimeMillis() < openUntil) {
      throw new LlmFailure(
          LlmFailure.Kind.CIRCUIT_OPEN, "circuit open after repeated failures", null);
    }
    long start = System.nanoTime();
    long deadline = start + config.deadline().toNanos();
    if (!acquire(deadline)) {
      throw new LlmFailure(LlmFailure.Kind.BUSY, "too many concurrent LLM calls", null);
    }
    try {
      Reply reply = callWithRetries(request(messages, modelName, temperature), start, deadline);
      consecutiveFailures.set(0);
      return reply;
    } catch (LlmFailure e) {
      if (consecutiveFailures.incrementAndGet() >= config.breakerFailures()) {
        openUntil = System.currentTimeMillis() + config.breakerOpen().toMillis();
        LOG.warnf(
            "LLM circuit opened for %s after %d consecutive failures",
            config.breakerOpen(), config.breakerFailures());
      }
      throw e;
    } finally {
      bulkhead.release();
    }
  }

  private ChatRequest request(List<ChatMessage> messages, String modelName, double temperature) {
    return ChatRequest.builder()
        .messages(messages)
        .modelName(modelName)
        .temperature(temperature)
        .maxOutputTokens(config.maxOutputTokens())
        .responseFormat(LlmGrade.RESPONSE_FORMAT)
        .build();
  }

  private Reply callWithRetries(ChatRequest request, long start, long deadline) throws LlmFailure {
    for (int attempt = 0; ; attempt++) {
      LlmFailure failure;
      try {
        return toReply(once(request, deadline), start);
      } catch (LlmFailure e) {
        failure = e;
      }
      boolean retriable =
          failure.kind() == LlmFailure.Kind.RATE_LIMITED
              || failure.kind() == LlmFailure.Kind.UNAVAILABLE;
      long backoffNanos = TimeUnit.MILLISECONDS.toNanos(200L << attempt);
      if (!retriable
          || attempt >= config.retries()
          || System.nanoTime() + backoffNanos >= deadline) {
        throw failure;
      }
      LOG.infof(
          "LLM call failed (%s), retrying in %d ms", failure.kind(), backoffNanos / 1_000_000);
      sleep(backoffNanos);
    }
  }

  private ChatResponse once(ChatRequest request, long deadline) throws LlmFailure {
    Future<ChatResponse> future = calls.submit(() -> model.chat(request));
    try {
      return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new LlmFailure(
          LlmFailure.Kind.TIMEOUT, "no complete reply within " + config.deadline(), e);
    } catch (ExecutionException e) {
      throw classify(e.getCause());
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new LlmFailure(LlmFailure.Kind.TIMEOUT, "interrupted while waiting for the LLM", e);
    }
  }

  private Reply toReply(ChatResponse response, long start) {
    String raw = response.aiMessage() == null ? null : response.aiMessage().text();
    TokenUsage usage = response.tokenUsage();
    int in = usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
    int out = usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
    long latency = (System.nanoTime() - start) / 1_000_000;
    if (raw == null || raw.isBlank()) {
      return new Reply(raw, null, "the reply was empty", in, out, latency);
    }
    try {
      return new Reply(raw, parse(strict, raw), null, in, out, latency);
    } catch (JsonProcessingException e) {
      return new Reply(
          raw,
          null,
          "the reply is not the requested JSON: " + e.getOriginalMessage(),
          in,
          out,
          latency);
    }
  }

  /**
   * The typed grade of a reply (fence removed), read with {@code strict} (unknown fields fail); a
   * reply that is not the grade JSON throws, nothing else does (fuzzed in bench/fuzz.sh).
   */
  public static LlmGrade parse(ObjectMapper strict, String raw) throws JsonProcessingException {
    return strict.readValue(withoutFence(raw), LlmGrade.class);
  }

  /**
   * Servers that ignore {@code response_format} (some local ones) wrap JSON in a Markdown code
   * fence; the content inside is still checked against the schema's record type.
   */
  static String withoutFence(String raw) {
    String s = raw.strip();
    if (s.startsWith("```") && s.endsWith("```") && s.length() > 6) {
      int firstLine = s.indexOf('\n');
      return firstLine < 0 ? s : s.substring(firstLine + 1, s.length() - 3).strip();
    }
    return s;
  }

  private static LlmFailure classify(Throwable error) {
    Integer status = null;
    for (Throwable t = error; t != null && status == null; t = t.getCause()) {
      if (t instanceof HttpException http) {
        status = http.statusCode();
      } else if (t instanceof WebApplicationException web) {
        status = web.getResponse().getStatus();
      } else if (t instanceof dev.langchain4j.exception.TimeoutException) {
        return new LlmFailure(LlmFailure.Kind.TIMEOUT, "the LLM client timed out", error);
      }
    }
    String message = String.valueOf(error.getMessage());
    if (status == null) {
      return new LlmFailure(
          LlmFailure.Kind.UNAVAILABLE, "the LLM endpoint failed: " + message, error);
    }
    if (status == 429) {
      return new LlmFailure(LlmFailure.Kind.RATE_LIMITED, "the LLM endpoint answered 429", error);
    }
    if (status >= 500) {
      return new LlmFailure(
          LlmFailure.Kind.UNAVAILABLE, "the LLM endpoint answered " + status, error);
    }
    return new LlmFailure(
        LlmFailure.Kind.REJECTED, "the LLM endpoint answered " + status + ": " + message, error);
  }

  private boolean acquire(long deadline) {
    try {
      return bulkhead.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void sleep(long nanos) throws LlmFailure {
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LlmFailure(LlmFailure.Kind.TIMEOUT, "interrupted during backoff", e);
    }
  }

  @PreDestroy
  void close() {
    calls.shutdownNow();
  }
}
