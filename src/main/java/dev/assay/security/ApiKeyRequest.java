package dev.assay.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** An API key presented as {@code Authorization: Bearer <key>}, for {@link ApiKeyIdentities}. */
final class ApiKeyRequest extends BaseAuthenticationRequest {
  private final String key;

  ApiKeyRequest(String key) {
    this.key = key;
  }

  String key() {
    return key;
  }
}
