package dev.cicd.examples.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsParserTest {
  static final String TOKEN = "0123456789abcdef0123";

  @Test
  @DisplayName("defaults: port 8080, ./cicd-data, H2, no GitHub, reading closed")
  void defaults() {
    Settings s = SettingsParser.parse(Map.of(), false);
    assertThat(s.port()).isEqualTo(8080);
    assertThat(s.dataDir()).isEqualTo(Path.of("./cicd-data"));
    assertThat(s.dataDirConfigured()).isFalse();
    assertThat(s.database()).isEmpty();
    assertThat(s.github()).isEmpty();
    assertThat(s.publicRead()).isFalse();
    assertThat(s.webhookInbox()).isFalse();
  }

  @Test
  @DisplayName("misspelt CICD_ variables are reported; the test suite's switches are not")
  void unknownKeys() {
    assertThat(SettingsParser.unknownKeys(Map.of("CICD_GITHUB_REPOS", "o/r", "CICD_PORT", "1", "PATH", "/bin",
        "CICD_REQUIRE_POSTGRES", "true", "CICD_TEST_PG_URL", "jdbc:x"))).containsExactly("CICD_GITHUB_REPOS");
  }

  @Test
  @DisplayName("SMTP: security follows the port unless set; user and password go together; tokens must differ")
  void smtpAndTokens() {
    Map<String, String> smtp = Map.of("CICD_SMTP_HOST", "smtp.example.com", "CICD_SMTP_FROM", "ci@example.com",
        "CICD_SMTP_TO", "a@example.com");
    assertThat(SettingsParser.parse(smtp, false).smtp().orElseThrow().security()).isEqualTo("starttls");
    Map<String, String> smtps = new java.util.HashMap<>(smtp);
    smtps.put("CICD_SMTP_PORT", "465");
    assertThat(SettingsParser.parse(smtps, false).smtp().orElseThrow().security()).isEqualTo("smtps");
    smtps.put("CICD_SMTP_SECURITY", "NONE");
    assertThat(SettingsParser.parse(smtps, false).smtp().orElseThrow().security()).isEqualTo("none");
    smtps.put("CICD_SMTP_SECURITY", "tls");
    assertThatThrownBy(() -> SettingsParser.parse(smtps, false))
        .hasMessage("CICD_SMTP_SECURITY must be none, starttls or smtps, but was 'tls'");
    Map<String, String> userOnly = new java.util.HashMap<>(smtp);
    userOnly.put("CICD_SMTP_USER", "bot");
    assertThatThrownBy(() -> SettingsParser.parse(userOnly, false))
        .hasMessage("CICD_SMTP_PASSWORD is required when CICD_SMTP_USER is set");
    assertThatThrownBy(() -> SettingsParser.parse(Map.of("CICD_API_TOKEN", TOKEN, "CICD_ADMIN_TOKEN", TOKEN), false))
        .hasMessageStartingWith("CICD_ADMIN_TOKEN must differ from CICD_API_TOKEN");
    assertThat(SettingsParser.parse(Map.of("CICD_DATA_DIR", "/srv/cicd"), true).dataDirConfigured()).isTrue();
  }

  @Test
  @DisplayName("every variable is read, durations in both spellings, secrets masked")
  void everything() {
    Settings s = SettingsParser.parse(Map.ofEntries(
        Map.entry("CICD_PORT", "9090"), Map.entry("CICD_DATA_DIR", "/tmp/x"),
        Map.entry("CICD_DB_URL", "jdbc:postgresql://db:5432/cicd"), Map.entry("CICD_DB_USER", "cicd"),
        Map.entry("CICD_DB_PASSWORD", "pw-secret"), Map.entry("CICD_GITHUB_TOKEN", "ghp_secret"),
        Map.entry("CICD_GITHUB_WEBHOOK_SECRET", "hook-secret"),
        Map.entry("CICD_GITHUB_REPOSITORIES", "octo-org/api, octo-org/web"),
        Map.entry("CICD_GITHUB_API_URL", "https://ghe.example.com/api/v3"), Map.entry("CICD_BACKFILL_DAYS", "7"),
        Map.entry("CICD_POLL_INTERVAL", "5m"), Map.entry("CICD_API_TOKEN", TOKEN), Map.entry("CICD_ADMIN_TOKEN", TOKEN + "x"),
        Map.entry("CICD_PUBLIC_READ", "true"), Map.entry("CICD_SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T/B/secret"),
        Map.entry("CICD_SMTP_HOST", "smtp.example.com"), Map.entry("CICD_SMTP_PORT", "465"),
        Map.entry("CICD_SMTP_USER", "bot"), Map.entry("CICD_SMTP_PASSWORD", "smtp-secret"),
        Map.entry("CICD_SMTP_FROM", "ci@example.com"), Map.entry("CICD_SMTP_TO", "a@example.com,b@example.com")), false);
    assertThat(s.port()).isEqualTo(9090);
    assertThat(s.github().orElseThrow().repositories()).containsExactly("octo-org/api", "octo-org/web");
    assertThat(s.github().orElseThrow().pollInterval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(s.smtp().orElseThrow().to()).hasSize(2);
    assertThat(s.toString()).doesNotContain("pw-secret", "ghp_secret", "hook-secret", TOKEN, "smtp-secret", "services/T/B");
    assertThat(SettingsParser.parse(Map.of("CICD_GITHUB_WEBHOOK_SECRET", "s", "CICD_POLL_INTERVAL", "PT90S"), false)
        .github().orElseThrow().pollInterval()).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  @DisplayName("a bad value stops the start with a message naming the variable")
  void badValues() {
    assertThatThrownBy(() -> SettingsParser.parse(Map.of("CICD_PORT", "http"), false))
        .hasMessage("CICD_PORT must be a whole number from 0 to 65535, but was 'http'");
    assertThatThrownBy(() -> SettingsParser.parse(Map.of("CICD_POLL_INTERVAL", "soon", "CICD_GITHUB_WEBHOOK_SECRET", "s"), false))
        .hasMessageStartingWith("CICD_POLL_INTERVAL must be a duration");
    assertThatThrownBy(() -> SettingsParser.parse(Map.of("CICD_GITHUB_REPOSITORIES", "not a repo", "CICD_GITHUB_TOKEN", "t"), false))
        .hasMessageContaining("CICD_GITHUB_REPOSITORIES");
    assertThatThrownBy(() -> SettingsParser.parse(Map.of("CICD_GITHUB_REPOSITORIES", "o/r"), false))
        .hasMessageStartingWith("CICD_GITHUB_TOKEN is required");
    assertThat(SettingsParser.parse(Map.of("CICD_WEBHOOK_INBOX", "true"), false).webhookInbox()).isTrue();
    assertThat(SettingsParser.parse(Map.of("CICD_DEPLOY_WORKFLOWS", " Deploy , Release <prod> ,"), false)
        .deployWorkflows()).containsExactly("Deploy", "Release <prod>");
    assertThat(SettingsParser.parse(Map.of(), false).deployWorkflows()).isEmpty();
    assertThat(SettingsParser.parse(Map.of("CICD_GITHUB_REPOSITORIES", "o/r", "CICD_GITHUB_TOKEN", "t",
        "CICD_GITHUB_POLL_DEPLOYMENTS", "true"), false).github().orElseThrow().pollDeployments()).isTrue();
    assertThatThrownBy(() -> SettingsParser.parse(Map.of("CICD_GITHUB_TOKEN", "t", "CICD_GITHUB_POLL_DEPLOYMENTS",
        "often"), false)).hasMessage("CICD_GITHUB_POLL_DEPLOYMENTS must be true or false, but was 'often'");
    assertThatThrownBy(() -> SettingsParser.parse(Map.of("CICD_WEBHOOK_INBOX", "sometimes"), false))
        .hasMessage("CICD_WEBHOOK_INBOX must be true or false, but was 'sometimes'");
    assertThatThrownBy(() -> SettingsParser.parse(Map.of("CICD_PUBLIC_READ", "maybe"), false))
        .hasMessage("CICD_PUBLIC_READ must be true or false, but was 'maybe'");
    assertThatThrownBy(() -> SettingsParser.parse(Map.of("CICD_DB_URL", "jdbc:mysql://x/y"), false))
        .hasMessageStartingWith("CICD_DB_URL must be a PostgreSQL JDBC URL");
    assertThatThrownBy(() -> SettingsParser.parse(Map.of("CICD_API_TOKEN", "short"), false))
        .hasMessageStartingWith("CICD_API_TOKEN must be at least 16 characters");
    assertThatThrownBy(() -> SettingsParser.parse(Map.of("CICD_SMTP_TO", "a@b.c"), false))
        .hasMessage("CICD_SMTP_TO is set but CICD_SMTP_HOST is not; set CICD_SMTP_HOST to send e-mail");
    assertThatThrownBy(() -> SettingsParser.parse(Map.of("CICD_SLACK_WEBHOOK_URL", "ftp://secret"), false))
        .hasMessage("CICD_SLACK_WEBHOOK_URL must be an http(s) URL");
  }

  @Test
  @DisplayName("a properties file sets the same keys; the environment wins")
  void propertiesFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("cicd.properties");
    Files.writeString(file, "CICD_PORT=7070\nCICD_PUBLIC_READ=true\n");
    Settings s = SettingsParser.fromEnvironment(Map.of("CICD_CONFIG_FILE", file.toString(), "CICD_PORT", "6060",
        "PATH", "/usr/bin"), false);
    assertThat(s.port()).isEqualTo(6060);
    assertThat(s.publicRead()).isTrue();
  }
}
