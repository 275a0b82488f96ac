package dev.cicd.examples.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StartupSummaryTest {
  static final String TOKEN = "read-0123456789abcdef";
  static final String ADMIN = "admin-0123456789abcdef";

  @Test
  @DisplayName("the start-up lines name the URL, store, sources and channels, and never a secret")
  void masksSecrets() {
    Settings settings = SettingsParser.parse(Map.ofEntries(
        Map.entry("CICD_DB_URL", "jdbc:postgresql://db:5432/cicd?password=url-secret"),
        Map.entry("CICD_DB_USER", "cicd"), Map.entry("CICD_DB_PASSWORD", "db-secret"),
        Map.entry("CICD_GITHUB_TOKEN", "ghp_token-secret"), Map.entry("CICD_GITHUB_WEBHOOK_SECRET", "hook-secret"),
        Map.entry("CICD_GITHUB_REPOSITORIES", "octo-org/api"), Map.entry("CICD_API_TOKEN", TOKEN),
        Map.entry("CICD_ADMIN_TOKEN", ADMIN),
        Map.entry("CICD_SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T0/B0/slack-secret"),
        Map.entry("CICD_SMTP_HOST", "smtp.example.com"), Map.entry("CICD_SMTP_USER", "bot"),
        Map.entry("CICD_SMTP_PASSWORD", "smtp-secret"), Map.entry("CICD_SMTP_FROM", "ci@example.com"),
        Map.entry("CICD_SMTP_TO", "team@example.com")), false);
    Access access = Access.from(settings);

    List<String> lines = StartupSummary.lines("http://localhost:8080/", 1234,
        "PostgreSQL " + Stores.safeUrl(settings.database().orElseThrow().url()), settings,
        AlertingSetup.describe(settings), "in the database", access, Optional.empty());
    String text = String.join("\n", lines);

    assertThat(text).contains("ready at http://localhost:8080/", "PostgreSQL jdbc:postgresql://db:5432/cicd?…",
        "webhooks at http://localhost:8080/api/webhook/github-actions", "polling octo-org/api every PT1M",
        "slack (incoming webhook on hooks.slack.com", "email (smtp.example.com:587 starttls, user bot",
        "read token ****", "admin token ****");
    assertThat(text).doesNotContain("url-secret", "db-secret", "ghp_token-secret", "hook-secret", TOKEN, ADMIN,
        "slack-secret", "/services/", "smtp-secret");
  }

  @Test
  @DisplayName("demo without tokens: public reading, and a generated admin token shown once")
  void demoAccess() {
    Access demo = Access.from(SettingsParser.parse(Map.of(), true));
    assertThat(demo.publicRead()).isTrue();
    assertThat(demo.readToken()).isEmpty();
    assertThat(demo.generatedAdminToken()).isPresent().isEqualTo(demo.adminToken());
    assertThat(demo.httpConfig(SettingsParser.parse(Map.of(), true)).adminToken()).isEqualTo(demo.adminToken().get());
    List<String> lines = StartupSummary.lines("http://localhost:1/", 1, "H2", SettingsParser.parse(Map.of(), true),
        List.of("log"), "in the database", demo, Optional.of("seeded"));
    assertThat(lines).filteredOn(l -> l.contains(demo.adminToken().get())).hasSize(1);

    Access withTokens = Access.from(SettingsParser.parse(Map.of("CICD_API_TOKEN", TOKEN), true));
    assertThat(withTokens.publicRead()).isFalse();
    assertThat(withTokens.generatedAdminToken()).isEmpty();
    assertThat(Access.from(SettingsParser.parse(Map.of(), false)).generatedAdminToken()).isEmpty();
  }
}
