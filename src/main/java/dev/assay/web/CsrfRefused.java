package dev.assay.web;

/** A form came back without this session's CSRF token: answered 403 by {@link WebProblems}. */
public class CsrfRefused extends RuntimeException {
  CsrfRefused() {
    super("the form's CSRF token does not match the session", null, false, false);
  }
}
