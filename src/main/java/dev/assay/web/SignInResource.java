package dev.assay.web;

import dev.assay.platform.Signatures;
import dev.assay.security.Roles;
import dev.assay.security.WebCookies;
import dev.assay.security.WebSessions;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Sign-in and sign-out. The sign-in form has no session yet, so its CSRF token is a double-submit
 * one: a random value in a short-lived {@value #SIGN_IN_COOKIE} cookie (http-only, same-site,
 * scoped to this path) that the form must echo. A page on another site can neither read the cookie
 * nor set it, so it cannot sign a browser into an account of its choosing.
 */
@Path(WebSessions.PATH)
@RunOnVirtualThread
class SignInResource {
  static final String SIGN_IN_COOKIE = "assay_sign_in";
  private static final String SIGN_IN_PATH = WebSessions.PATH + "/sign-in";

  private final Template signIn;
  private final WebSessions sessions;
  private final Pages pages;

  SignInResource(@Location("app/sign-in.html") Template signIn, WebSessions sessions, Pages pages) {
    this.signIn = signIn;
    this.sessions = sessions;
    this.pages = pages;
  }

  @GET
  @PermitAll
  @Operation(hidden = true)
  public Response home() {
    return Pages.redirect(WebSessions.PATH + "/queue");
  }

  /**
   * Any {@code /app} address no page answers. It sits here, in the class of the bare {@code /app}
   * path, because JAX-RS picks the resource class first: a class of its own with a catch-all path
   * would outrank this one and swallow sign-in. {@link PageErrors} shows the 404 as a page.
   * Signed-in users only, like every page.
   */
  @GET
  @Path("{path: .+}")
  @RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
  @Operation(hidden = true)
  public Response unknown(@jakarta.ws.rs.PathParam("path") String path) {
    throw dev.assay.platform.ApiException.notFound("page", WebSessions.PATH + "/" + path);
  }

  @GET
  @Path("sign-in")
  @PermitAll
  @Operation(hidden = true)
  public Response form(@QueryParam("next") String next) {
    return form(next, null, 200);
  }

  @POST
  @Path("sign-in")
  @PermitAll
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(hidden = true)
  public Response signIn(
      @FormParam("apiKey") String apiKey,
      @FormParam("_csrf") String csrf,
      @FormParam("next") String next,
      @CookieParam(SIGN_IN_COOKIE) String expected) {
    if (!sameToken(expected, csrf)) {
      return form(next, "The sign-in form expired. Please try again.", 403);
    }
    return switch (sessions.signIn(apiKey)) {
      case WebSessions.SignIn.Refused refused -> form(next, refused.reason(), 401);
      case WebSessions.SignIn.Started started ->
          Response.seeOther(java.net.URI.create(safeNext(next)))
              .cookie(
                  WebCookies.session(
                      started.sessionId(), sessions.ttlSeconds(), sessions.secureCookie()),
                  signInCookie("", 0))
              .build();
    };
  }

  @POST
  @Path("sign-out")
  @RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(hidden = true)
  public Response signOut(
      @FormParam("_csrf") String csrf, @CookieParam(WebSessions.COOKIE) String sessionId) {
    pages.requireCsrf(csrf);
    sessions.signOut(sessionId);
    return Response.seeOther(java.net.URI.create(SIGN_IN_PATH + "?signedOut=true"))
        .cookie(WebCookies.expired())
        .build();
  }

  private Response form(String next, String error, int status) {
    String token = Signatures.randomToken(24);
    Response page =
        Pages.html(
            status, signIn.data("csrf", token).data("next", safeNext(next)).data("error", error));
    return Response.fromResponse(page).cookie(signInCookie(token, 3600)).build();
  }

  private NewCookie signInCookie(String value, int maxAge) {
    return new NewCookie.Builder(SIGN_IN_COOKIE)
        .value(value)
        .path(SIGN_IN_PATH)
        .httpOnly(true)
        .secure(sessions.secureCookie())
        .sameSite(NewCookie.SameSite.STRICT)
        .maxAge(maxAge)
        .build();
  }

  private static boolean sameToken(String expected, String submitted) {
    return expected != null
        && !expected.isEmpty()
        && submitted != null
        && MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.US_ASCII),
            submitted.getBytes(StandardCharsets.US_ASCII));
  }

  /** Only a page of the web app itself: never another site, so sign-in is no open redirect. */
  static String safeNext(String next) {
    boolean ours =
        next != null
            && next.startsWith(WebSessions.PATH + "/")
            && !next.startsWith("//")
            && !next.contains("\\")
            && !next.startsWith(SIGN_IN_PATH);
    return ours ? next : WebSessions.PATH + "/queue";
  }
}
