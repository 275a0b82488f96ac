package dev.cicd.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cicd.http.support.Checks;
import dev.cicd.http.support.Container;
import dev.cicd.http.support.TestApp;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RELIABILITY.md §6.5 A4: per-client rate limits, per token and per address, and trusted proxies. */
abstract class RateLimitScenarios {
  abstract Container container();

  @Test
  @DisplayName("A4: over the per-token rate a token gets 429 with Retry-After; other tokens are unaffected")
  void rateLimitPerToken() throws Exception {
    try (TestApp limited = TestApp.start(container(), c -> c.rateLimitPerMinute(3))) {
      for (int i = 0; i < 3; i++) {
        assertThat(limited.get("api/builds").statusCode()).isEqualTo(200);
      }
      HttpResponse<String> refused = limited.get("api/builds");
      HttpResponse<String> admin = limited.send(limited.request("api/builds")
          .header("Authorization", "Bearer " + TestApp.ADMIN_TOKEN));

      Checks.problem(refused, 429);
      assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(
          v -> assertThat(Long.parseLong(v)).isBetween(1L, 60L));
      assertThat(admin.statusCode()).isEqualTo(200);
      limited.clock.advance(java.time.Duration.ofMinutes(1));
      assertThat(limited.get("api/builds").statusCode()).isEqualTo(200);
    }
  }

  @Test
  @DisplayName("A4: guesses without a valid token are limited per address; a spoofed X-Forwarded-For does not reset it")
  void rateLimitPerAddress() throws Exception {
    try (TestApp limited = TestApp.start(container(), c -> c.rateLimitPerMinute(3))) {
      for (int i = 0; i < 3; i++) {
        Checks.problem(limited.send(limited.request("api/builds")
            .header("Authorization", "Bearer guess-" + i + "-0123456789abcdef")), 401);
      }
      HttpResponse<String> spoofed = limited.send(limited.request("api/builds")
          .header("Authorization", "Bearer guess-9-0123456789abcdef").header("X-Forwarded-For", "198.51.100.7"));
      Checks.problem(spoofed, 429);
      assertThat(limited.get("api/builds").statusCode()).isEqualTo(200);
    }
  }

  @Test
  @DisplayName("A4: behind a trusted proxy each forwarded client has its own bucket")
  void rateLimitBehindTrustedProxy() throws Exception {
    try (TestApp proxied = TestApp.start(container(), c -> c.rateLimitPerMinute(2).trustedProxies("127.0.0.0/8"))) {
      HttpRequest.Builder first = proxied.request("health").header("X-Forwarded-For", "203.0.113.1");
      assertThat(proxied.send(first.copy()).statusCode()).isEqualTo(200);
      assertThat(proxied.send(first.copy()).statusCode()).isEqualTo(200);
      Checks.problem(proxied.send(first.copy()), 429);
      HttpResponse<String> other = proxied.send(proxied.request("health")
          .header("X-Forwarded-For", "203.0.113.1, 203.0.113.2"));
      assertThat(other.statusCode()).isEqualTo(200);
    }
  }
}
