package dev.cicd.examples.standalone;

import dev.cicd.github.GitHubConfig;
import dev.cicd.github.GitHubSource;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The GitHub source from the CICD_GITHUB_* variables: webhooks (with a secret) and polling (with a token). */
final class GitHubSetup {
  private static final Map<String, String> VARIABLES = Map.of(
      "apiUrl", "CICD_GITHUB_API_URL",
      "token", "CICD_GITHUB_TOKEN",
      "webhookSecret", "CICD_GITHUB_WEBHOOK_SECRET",
      "repositories", "CICD_GITHUB_REPOSITORIES",
      "backfill", "CICD_BACKFILL_DAYS",
      "pollInterval", "CICD_POLL_INTERVAL");

  private GitHubSetup() {}

  static Optional<GitHubSource> source(Settings settings) {
    return settings.github().map(github -> GitHubSource.create(config(github)));
  }

  static GitHubConfig config(Settings.GitHub github) {
    return ConfigErrors.naming("CICD_GITHUB_TOKEN", VARIABLES, () -> GitHubConfig.builder()
        .apiUrl(github.apiUrl().toString())
        .token(github.token().orElse(null))
        .webhookSecret(github.webhookSecret().orElse(null))
        .repositories(github.repositories())
        .backfill(Duration.ofDays(github.backfillDays()))
        .pollInterval(github.pollInterval())
        .pollDeployments(github.pollDeployments())
        .build());
  }

  /** One line for the start-up summary; secrets only as "set". */
  static String describe(Settings.GitHub github, String webhookUrl) {
    StringBuilder text = new StringBuilder("GitHub: webhooks ");
    text.append(github.webhookSecret().isPresent() ? "at " + webhookUrl + " (secret ****)"
        : "off (set CICD_GITHUB_WEBHOOK_SECRET)");
    if (github.repositories().isEmpty()) {
      text.append(", polling off (set CICD_GITHUB_REPOSITORIES and CICD_GITHUB_TOKEN)");
    } else {
      text.append(", polling ").append(String.join(", ", github.repositories())).append(" every ")
          .append(github.pollInterval()).append(" with backfill of ").append(github.backfillDays())
          .append(" days").append(github.pollDeployments() ? ", deployments too" : "").append(" (token ****)");
    }
    if (!github.apiUrl().toString().equals(GitHubConfig.DEFAULT_API_URL)) {
      text.append(", API ").append(github.apiUrl());
    }
    return text.toString();
  }
}
