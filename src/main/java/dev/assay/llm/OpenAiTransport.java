package dev.assay.llm;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One HTTP exchange with an OpenAI-compatible {@code /chat/completions} endpoint, on the JDK
 * HttpClient. The LangChain4j OpenAI client is not used for the call itself because it drops the
 * response headers of a refusal (so {@code Retry-After} is lost) and its timeouts stop neither a
 * stalled nor a trickling body; here the whole exchange, body included, is one future that is
 * cancelled (which aborts the connection) when the attempt's time is up.
 */
final class OpenAiTransport {
  /** A complete HTTP response: status, body and the server's {@code Retry-After}, if any. */
  record Response(int status, String body, Optional<Duration> retryAfter) {}

  private final URI endpoint;
  private final String apiKey;

  /**
   * Made when the LLM is in use ({@link #prepare}) or on the first call, not on every start; read
   * without a lock by every call after that.
   */
  private volatile HttpClient http;

  OpenAiTransport(String baseUrl, String apiKey) {
    this.endpoint = URI.create(baseUrl.replaceAll("/+$", "") + "/chat/completions");
    this.apiKey = apiKey;
  }

  /** Makes the HTTP client now, so that the first call's deadline is not spent on it. */
  synchronized void prepare() {
    if (http == null) {
      http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(5))
              .build();
    }
  }

  private HttpClient http() {
    if (http == null) {
      prepare();
    }
    return http;
  }

  /** Posts {@code json}; the response, body included, must be complete within {@code limit}. */
  Response post(String json, Duration limit) throws LlmFailure {
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .timeout(limit.isZero() ? Duration.ofMillis(1) : limit)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .header("Authorization", "Bearer " + apiKey)
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    CompletableFuture<HttpResponse<String>> exchange =
        http().sendAsync(request, HttpResponse.BodyHandlers.ofString());
    try {
      HttpResponse<String> response = exchange.get(limit.toNanos(), TimeUnit.NANOSECONDS);
      return new Response(
          response.statusCode(),
          response.body(),
          response.headers().firstValue("Retry-After").flatMap(OpenAiTransport::retryAfter));
    } catch (TimeoutException e) {
      exchange.cancel(true);
      throw new LlmFailure(
          LlmFailure.Kind.TIMEOUT, "no complete reply within " + limit.toMillis() + " ms", e);
    } catch (InterruptedException e) {
      exchange.cancel(true);
      Thread.currentThread().interrupt();
      throw new LlmFailure(LlmFailure.Kind.TIMEOUT, "interrupted while waiting for the LLM", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof HttpTimeoutException) {
        throw new LlmFailure(
            LlmFailure.Kind.TIMEOUT, "no reply within " + limit.toMillis() + " ms", cause);
      }
      if (cause instanceof IOException) {
        throw new LlmFailure(
            LlmFailure.Kind.UNAVAILABLE, "the LLM connection failed: " + cause, cause);
      }
      throw new LlmFailure(LlmFailure.Kind.UNAVAILABLE, "the LLM call failed: " + cause, cause);
    }
  }

  /** {@code Retry-After} as delta-seconds or an HTTP date (RFC 9110 10.2.3). */
  static Optional<Duration> retryAfter(String value) {
    String v = value.strip();
    try {
      return Optional.of(Duration.ofMillis(Math.max(0, Math.round(Double.parseDouble(v) * 1000))));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
      } catch (DateTimeParseException notADate) {
        return Optional.empty();
      }
    }
  }
}
