package dev.cicd.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HttpConfigTest {
  @Test
  @DisplayName("defaults are secure: no tokens, read closed, CORS closed, 25 MB webhook cap")
  void defaults() {
    HttpConfig config = HttpConfig.defaults();
    assertThat(config.readToken()).isNull();
    assertThat(config.adminToken()).isNull();
    assertThat(config.publicRead()).isFalse();
    assertThat(config.allowedOrigins()).isEmpty();
    assertThat(config.maxWebhookBodyBytes()).isEqualTo(25L * 1024 * 1024);
    assertThat(config.rateLimitPerMinute()).isEqualTo(HttpConfig.DEFAULT_RATE_LIMIT_PER_MINUTE);
  }

  @Test
  @DisplayName("toString masks both tokens")
  void masksTokens() {
    HttpConfig config = HttpConfig.builder().readToken("read-secret-value-123").adminToken("admin-secret-value-123")
        .build();
    assertThat(config.toString()).doesNotContain("read-secret", "admin-secret").contains("readToken=****");
    assertThat(HttpConfig.defaults().toString()).contains("readToken=unset");
  }

  @Test
  @DisplayName("bad values are rejected naming the setting")
  void rejectsBadValues() {
    assertThatThrownBy(() -> HttpConfig.builder().readToken("short")).hasMessageContaining("readToken must be 16");
    assertThatThrownBy(() -> HttpConfig.builder().adminToken("has space 0123456789"))
        .hasMessageContaining("adminToken must be printable");
    assertThatThrownBy(() -> HttpConfig.builder().readToken("same-token-0123456789").adminToken("same-token-0123456789")
        .build()).hasMessageContaining("must differ");
    assertThatThrownBy(() -> HttpConfig.builder().rateLimitPerMinute(-1)).hasMessageContaining("rateLimitPerMinute");
    assertThatThrownBy(() -> HttpConfig.builder().allowedOrigins("*")).hasMessageContaining("allowedOrigins");
    assertThatThrownBy(() -> HttpConfig.builder().allowedOrigins("https://x.example/")).hasMessageContaining("'https://x.example/'");
    assertThatThrownBy(() -> HttpConfig.builder().trustedProxies("proxy.example")).hasMessageContaining("trustedProxies");
    assertThatThrownBy(() -> HttpConfig.builder().trustedProxies("10.0.0.0/33")).hasMessageContaining("trustedProxies");
    assertThatThrownBy(() -> HttpConfig.builder().webhookTimeout(Duration.ZERO))
        .hasMessage("webhookTimeout must be positive, but was PT0S");
    assertThatThrownBy(() -> HttpConfig.builder().webhookTimeout(Duration.ofSeconds(10)))
        .hasMessageContaining("at most PT9S");
    assertThatThrownBy(() -> HttpConfig.builder().maxWebhookBodyBytes(10)).hasMessageContaining("maxWebhookBodyBytes");
    assertThatThrownBy(() -> HttpConfig.builder().githubHost("https://github.com")).hasMessageContaining("githubHost");
  }

  @Test
  @DisplayName("toBuilder copies every setting")
  void toBuilder() {
    HttpConfig config = HttpConfig.builder().readToken("read-token-0123456789").publicRead(true).rateLimitPerMinute(7)
        .trustedProxies("10.0.0.0/8").allowedOrigins("https://a.example").maxWebhookBodyBytes(4096)
        .githubHost("github.example.com").sseHeartbeat(Duration.ofSeconds(3)).ticketTtl(Duration.ofSeconds(30)).build();
    assertThat(config.toBuilder().build().toString()).isEqualTo(config.toString());
  }
}
