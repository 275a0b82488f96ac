package dev.cicd.examples.standalone.demo;

import java.time.Duration;
import java.util.List;

/** The made-up organisation the demo shows: its repositories, workflows, jobs, people and commits. */
final class DemoCatalog {
  /** A job of a workflow, its typical run time and the runner it asks for. */
  record JobSpec(String name, Duration typical, String runnerLabel) {}

  /**
   * A workflow of a repository and how it behaves.
   *
   * @param perWeekday runs on a working day (a quarter of that at weekends)
   * @param queue typical wait for a runner
   * @param mainOnly runs only on the default branch (deployments, nightlies)
   * @param environment deployment environment when the workflow deploys, else null
   * @param live whether the live feed starts new runs of it
   */
  record Pipeline(String repository, long workflowId, String workflow, String path, List<JobSpec> jobs,
      double perWeekday, double failureRate, double flakyRate, double cancelRate, Duration queue, boolean mainOnly,
      String event, String environment, boolean live) {

    boolean deploys() {
      return !environment.isEmpty();
    }
  }

  static final String NIGHTLY = "Nightly e2e";
  static final String IOS = "iOS build";

  static final List<Pipeline> PIPELINES = List.of(
      new Pipeline("octo-org/api", 101, "CI", ".github/workflows/ci.yml", List.of(
          job("lint", 70, "ubuntu-latest"), job("unit-tests", 380, "ubuntu-latest"),
          job("integration-tests", 560, "ubuntu-latest")), 10, 0.07, 0.05, 0.05, secs(25), false, "push", "", true),
      new Pipeline("octo-org/api", 102, "Deploy", ".github/workflows/deploy.yml", List.of(
          job("build-image", 240, "ubuntu-latest"), job("deploy-production", 170, "ubuntu-latest")),
          3, 0.06, 0.0, 0.0, secs(20), true, "push", "production", true),
      new Pipeline("octo-org/web", 201, "CI", ".github/workflows/ci.yml", List.of(
          job("build", 170, "ubuntu-latest"), job("test", 260, "ubuntu-latest"), job("lighthouse", 130, "ubuntu-latest")),
          8, 0.05, 0.03, 0.04, secs(30), false, "pull_request", "", true),
      new Pipeline("octo-org/web", 202, "E2E", ".github/workflows/e2e.yml", List.of(
          job("playwright (chromium)", 640, "ubuntu-latest-4-cores"),
          job("playwright (webkit)", 780, "ubuntu-latest-4-cores")), 4, 0.08, 0.14, 0.03, secs(110), false,
          "pull_request", "", false),
      new Pipeline("octo-org/mobile", 301, IOS, ".github/workflows/ios.yml", List.of(
          job("build-ios", 1080, "macos-14")), 4, 0.08, 0.03, 0.02, secs(480), false, "push", "", false),
      new Pipeline("octo-org/mobile", 302, NIGHTLY, ".github/workflows/nightly.yml", List.of(
          job("e2e-android", 1500, "ubuntu-latest-8-cores")), 1, 0.15, 0.0, 0.0, secs(60), true, "schedule", "",
          false),
      new Pipeline("octo-org/infra", 401, "Terraform plan", ".github/workflows/plan.yml", List.of(
          job("plan", 110, "self-hosted")), 5, 0.04, 0.0, 0.15, secs(15), false, "pull_request", "", true),
      new Pipeline("octo-org/docs", 501, "Pages", ".github/workflows/pages.yml", List.of(
          job("build", 55, "ubuntu-latest"), job("deploy", 40, "ubuntu-latest")), 3, 0.02, 0.0, 0.0, secs(10), true,
          "push", "github-pages", true));

  static final List<String> BRANCHES = List.of("feat/checkout-v2", "fix/flaky-login-test", "renovate/jackson-2.x",
      "feat/dark-mode", "chore/ci-cache", "fix/timezone-report", "feat/search-api");

  static final List<String> ACTORS = List.of("mona", "octocat", "hubot", "jlord", "tanaka-k", "priya-dev",
      "dependabot[bot]", "renovate[bot]");

  static final List<String> TITLES = List.of("Add retry to payment webhook handler", "Bump jackson-databind to 2.23.0",
      "Fix flaky login test on WebKit", "Cache Gradle and npm dependencies", "Render dates in the user's time zone",
      "Paginate the search endpoint", "Dark mode for the settings page", "Remove unused feature flags",
      "Upgrade Terraform AWS provider", "Speed up integration tests with Testcontainers reuse",
      "Document the release process", "Handle empty carts at checkout", "Tune connection pool size",
      "Split the monolith's build into modules", "Pin actions to commit SHAs");

  private DemoCatalog() {}

  private static JobSpec job(String name, int seconds, String label) {
    return new JobSpec(name, secs(seconds), label);
  }

  private static Duration secs(int seconds) {
    return Duration.ofSeconds(seconds);
  }
}
