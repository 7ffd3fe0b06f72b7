package dev.assay.security;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** Access-control settings. */
@ConfigMapping(prefix = "assay.security")
interface SecurityConfig {
  /**
   * The first admin key of a fresh install (default workspace), from {@code
   * ASSAY_BOOTSTRAP_ADMIN_KEY}; at least 24 characters. Create further keys through the API.
   */
  Optional<String> bootstrapAdminKey();
}
