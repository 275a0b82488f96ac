package dev.cicd.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GitHubConfigTest {
  @Test
  @DisplayName("defaults are the documented ones")
  void defaults() {
    GitHubConfig config = GitHubConfig.builder().build();
    assertThat(config.apiUrl()).isEqualTo("https://api.github.com");
    assertThat(config.backfill()).isEqualTo(Duration.ofDays(30));
    assertThat(config.pollInterval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.maxConcurrentRequests()).isEqualTo(1);
    assertThat(config.token()).isEmpty();
    assertThat(config.webhookSecrets()).isEmpty();
  }

  @Test
  @DisplayName("bad values are rejected with messages naming them")
  void validation() {
    assertThatThrownBy(() -> GitHubConfig.builder().pollInterval(Duration.ZERO))
        .hasMessage("pollInterval must be at least PT1S, but was PT0S");
    assertThatThrownBy(() -> GitHubConfig.builder().backfill(Duration.ofDays(-1)))
        .hasMessage("backfill must not be negative, but was PT-24H");
    assertThatThrownBy(() -> GitHubConfig.builder().repositories("octo-org/api", "no-slash"))
        .hasMessage("repositories must be 'owner/name', but contained 'no-slash'");
    assertThatThrownBy(() -> GitHubConfig.builder().webhookSecrets("a", "b", "c"))
        .hasMessageContaining("at most 2 secrets");
    assertThatThrownBy(() -> GitHubConfig.builder().webhookSecret(""))
        .hasMessageContaining("must not contain null or empty secrets");
    assertThatThrownBy(() -> GitHubConfig.builder().apiUrl("ftp://example.com"))
        .hasMessageContaining("apiUrl must be an http(s) URL");
    assertThatThrownBy(() -> GitHubConfig.builder().maxConcurrentRequests(0))
        .hasMessage("maxConcurrentRequests must be between 1 and 100, but was 0");
    assertThatThrownBy(() -> GitHubConfig.builder().repositories("octo-org/api").build())
        .hasMessageContaining("token is required to poll repositories [octo-org/api]");
    assertThatThrownBy(() -> GitHubConfig.builder().token("ghp_abc\r\nX-Injected: 1"))
        .hasMessage("token must be printable ASCII without whitespace (value not shown)");
  }

  @Test
  @DisplayName("GitHub Enterprise base URLs are accepted and normalised; toBuilder derives a variant")
  void enterpriseAndToBuilder() {
    GitHubConfig config = GitHubConfig.builder().apiUrl("https://ghe.example.com/api/v3/").token("t")
        .repositories("a/b").build();
    assertThat(config.apiUrl()).isEqualTo("https://ghe.example.com/api/v3");
    GitHubConfig variant = config.toBuilder().pollInterval(Duration.ofMinutes(5)).build();
    assertThat(variant.pollInterval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(variant.apiUrl()).isEqualTo(config.apiUrl());
    assertThat(variant.repositories()).containsExactly("a/b");
    assertThat(config.pollInterval()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  @DisplayName("toString masks the token and the webhook secrets")
  void masksSecrets() {
    GitHubConfig config = GitHubConfig.builder().token("ghp_supersecrettoken").webhookSecrets("new-secret", "old-secret")
        .build();
    assertThat(config.toString()).doesNotContain("ghp_supersecrettoken", "new-secret", "old-secret")
        .contains("token=****").contains("webhookSecrets=2 (masked)");
    assertThat(GitHubSource.create(config).toString()).doesNotContain("ghp_supersecrettoken", "new-secret");
  }
}
