package dev.assay.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Access-control settings. */
@ConfigMapping(prefix = "assay.security")
interface SecurityConfig {
  /**
   * The first admin key of a fresh install (default workspace), from {@code
   * ASSAY_BOOTSTRAP_ADMIN_KEY}; at least 24 characters. Create further keys through the API.
   */
  Optional<String> bootstrapAdminKey();

  /** How long a web app sign-in lasts before the reviewer signs in again. */
  @WithDefault("8h")
  Duration webSessionTtl();

  /**
   * Whether the session cookie is marked {@code Secure} (sent over HTTPS only; browsers also send
   * it to {@code http://localhost}). Turn off only for a plain-HTTP host other than localhost.
   */
  @WithDefault("true")
  boolean webSecureCookie();
}
