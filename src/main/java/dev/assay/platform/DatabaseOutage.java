package dev.assay.platform;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.Set;

/**
 * Recognises a failure caused by the database being unreachable (stopped, restarting, or the pool
 * unable to hand out a connection in time) so that it is answered with 503 and {@code Retry-After}
 * rather than a 500: the same request will work once the database is back. A grade is acknowledged
 * only after its insert commits; if the database goes away between that commit and the response,
 * the client sees a 503 for a grade that was logged, and a retry with the same {@code
 * Idempotency-Key} replays it instead of grading twice.
 */
public final class DatabaseOutage {
  /**
   * Seconds a client should wait before retrying. The pool validates idle connections every two
   * seconds and before handing out one idle for more than a second, so two seconds is about the
   * time the service needs to notice the database is back.
   */
  static final long RETRY_AFTER_SECONDS = 2;

  /** SQLSTATEs of a server that is shutting down, crashed, or still starting (class 57P). */
  private static final Set<String> SHUTDOWN_STATES = Set.of("57P01", "57P02", "57P03");

  /** Agroal's message when no connection could be had within the acquisition timeout. */
  private static final String ACQUISITION_TIMEOUT = "acquisition timeout";

  private DatabaseOutage() {}

  /** Whether {@code failure}, or anything that caused it, says the database is unreachable. */
  public static boolean causedBy(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ConnectException) {
        return true;
      }
      if (t instanceof SQLException sql && unreachable(sql)) {
        return true;
      }
    }
    return false;
  }

  private static boolean unreachable(SQLException e) {
    String state = e.getSQLState();
    if (state != null && (state.startsWith("08") || SHUTDOWN_STATES.contains(state))) {
      return true;
    }
    String message = e.getMessage();
    return message != null && message.toLowerCase().contains(ACQUISITION_TIMEOUT);
  }

  /** The 503 problem with {@code Retry-After}. */
  public static ApiException problem() {
    return new Unavailable(
        "database-unavailable",
        "the database is unreachable or has no connection free; retry after "
            + RETRY_AFTER_SECONDS
            + " s",
        RETRY_AFTER_SECONDS);
  }
}
