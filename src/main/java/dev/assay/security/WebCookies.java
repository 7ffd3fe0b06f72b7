package dev.assay.security;

import jakarta.ws.rs.core.NewCookie;

/**
 * The session cookie: http-only (no script reads it), {@code SameSite=Strict} (no other site's page
 * sends it), {@code Secure} unless configured off, and scoped to the web app's path.
 */
public final class WebCookies {
  private WebCookies() {}

  public static NewCookie session(String sessionId, long maxAgeSeconds, boolean secure) {
    return base(sessionId, secure).maxAge((int) Math.min(Integer.MAX_VALUE, maxAgeSeconds)).build();
  }

  /** A cookie that makes the browser forget the session. */
  public static NewCookie expired() {
    return base("", true).maxAge(0).build();
  }

  private static NewCookie.Builder base(String value, boolean secure) {
    return new NewCookie.Builder(WebSessions.COOKIE)
        .value(value)
        .path(WebSessions.PATH)
        .httpOnly(true)
        .secure(secure)
        .sameSite(NewCookie.SameSite.STRICT);
  }
}
