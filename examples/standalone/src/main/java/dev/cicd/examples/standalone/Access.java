package dev.cicd.examples.standalone;

import dev.cicd.http.HttpConfig;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Who may read and who may configure. In demo mode without any token, reading is public and an admin
 * token is generated (printed once at start).
 *
 * @param generatedAdminToken the token made up for a demo, to print once; empty otherwise
 */
record Access(Optional<String> readToken, Optional<String> adminToken, boolean publicRead,
    Optional<String> generatedAdminToken) {
  private static final Map<String, String> VARIABLES = Map.of(
      "readToken", "CICD_API_TOKEN", "adminToken", "CICD_ADMIN_TOKEN", "trustedProxies", "CICD_TRUSTED_PROXIES");

  static Access from(Settings settings) {
    if (settings.demo() && settings.apiToken().isEmpty() && settings.adminToken().isEmpty()) {
      byte[] random = new byte[24];
      new SecureRandom().nextBytes(random);
      String token = "demo-" + HexFormat.of().formatHex(random);
      return new Access(Optional.empty(), Optional.of(token), true, Optional.of(token));
    }
    return new Access(settings.apiToken(), settings.adminToken(), settings.publicRead(), Optional.empty());
  }

  HttpConfig httpConfig(Settings settings) {
    return ConfigErrors.naming("CICD_API_TOKEN", VARIABLES, () -> HttpConfig.builder()
        .readToken(readToken.orElse(null))
        .adminToken(adminToken.orElse(null))
        .publicRead(publicRead)
        .trustedProxies(settings.trustedProxies().toArray(String[]::new))
        .build());
  }

  /** For the start-up summary; never shows a token. */
  String describe() {
    return "reading " + (publicRead ? "public" : readToken.isPresent() || adminToken.isPresent()
        ? "with a token" : "closed (set CICD_API_TOKEN or CICD_PUBLIC_READ=true)")
        + ", read token " + (readToken.isPresent() ? "****" : "unset")
        + ", admin token " + (adminToken.isPresent() ? "****" : "unset (alert configuration closed)");
  }
}
