package dev.assay.security;

import dev.assay.platform.Hashing;
import dev.assay.platform.Signatures;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Sign-in to the web app: a reviewer or admin API key is exchanged for a random session id that the
 * browser keeps in an http-only cookie; the session then acts as that key (same role, same
 * workspace, revoked with it). Each session has its own CSRF token that every form carries back (a
 * synchronizer token: quarkus-rest-csrf does not resolve for Quarkus 3.37.3).
 */
@ApplicationScoped
public class WebSessions {
  /** The session cookie's name; its path is {@value #PATH}, so API calls never carry it. */
  public static final String COOKIE = "assay_session";

  public static final String PATH = "/app";
  static final String CSRF = "assay.csrf-token";

  private final ApiKeyService keys;
  private final WebSessionRepository sessions;
  private final SecurityConfig config;

  WebSessions(ApiKeyService keys, WebSessionRepository sessions, SecurityConfig config) {
    this.keys = keys;
    this.sessions = sessions;
    this.config = config;
  }

  /** The outcome of a sign-in: a session id for the cookie, or why there is none. */
  public sealed interface SignIn {
    record Started(String sessionId) implements SignIn {}

    record Refused(String reason) implements SignIn {}
  }

  public SignIn signIn(String apiKey) {
    if (apiKey == null || apiKey.isBlank()) {
      return new SignIn.Refused("Enter your API key.");
    }
    Optional<ApiKeyRepository.KeyRow> key = keys.authenticate(apiKey.strip());
    if (key.isEmpty()) {
      return new SignIn.Refused("That key is unknown or has been revoked.");
    }
    if (key.get().role() == Role.GRADER) {
      return new SignIn.Refused(
          "That is a platform (grader) key. Sign in with a reviewer or admin key.");
    }
    String id = Signatures.randomToken(32);
    sessions.insert(
        Hashing.sha256(id),
        key.get().id(),
        Signatures.randomToken(24),
        OffsetDateTime.now().plus(config.webSessionTtl()));
    return new SignIn.Started(id);
  }

  public void signOut(String sessionId) {
    if (sessionId != null) {
      sessions.end(Hashing.sha256(sessionId));
    }
  }

  /** Seconds a new session lasts (the cookie's Max-Age). */
  public long ttlSeconds() {
    return config.webSessionTtl().toSeconds();
  }

  public boolean secureCookie() {
    return config.webSecureCookie();
  }

  /** The CSRF token of the signed-in session behind {@code identity}; null for API-key callers. */
  public static String csrfToken(SecurityIdentity identity) {
    return identity.getAttribute(CSRF);
  }

  /** Whether a submitted form's token is the session's (compared in constant time). */
  public static boolean csrfMatches(SecurityIdentity identity, String submitted) {
    String expected = csrfToken(identity);
    return expected != null
        && submitted != null
        && MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.US_ASCII),
            submitted.getBytes(StandardCharsets.US_ASCII));
  }

  /** The identity of a live session (see {@link Caller#identity}), with its CSRF token. */
  Optional<SecurityIdentity> identity(String sessionId) {
    return sessions
        .live(Hashing.sha256(sessionId))
        .map(
            s ->
                io.quarkus.security.runtime.QuarkusSecurityIdentity.builder(
                        Caller.identity(s.keyId(), s.workspaceId(), s.role()))
                    .addAttribute(CSRF, s.csrfToken())
                    .build());
  }
}
