package dev.cicd.examples.standalone;

import dev.cicd.examples.standalone.demo.DemoMode;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The start-up lines: where to go, and which store, sources and channels are active. No secrets. */
final class StartupSummary {
  private static final Logger LOG = LoggerFactory.getLogger(StartupSummary.class);

  private StartupSummary() {}

  static void log(String url, Stores.Opened store, Settings settings, AlertingComponent alerting, Access access,
      @Nullable DemoMode demo, long startMillis) {
    LOG.info("CI/CD dashboard ready at {} (started in {} ms)", url, startMillis);
    LOG.info("  store:    {}", store.description());
    LOG.info("  sources:  {}", settings.github().map(g -> GitHubSetup.describe(g, url + "api/webhook/github-actions"))
        .orElse("none (set CICD_GITHUB_WEBHOOK_SECRET for webhooks; CICD_GITHUB_TOKEN and CICD_GITHUB_REPOSITORIES"
            + " for polling)"));
    LOG.info("  alerts:   channels {}; alert state {}", String.join(", ", alerting.channels()),
        alerting.storeDescription());
    LOG.info("  access:   {}{}", access.describe(),
        settings.trustedProxies().isEmpty() ? "" : ", trusted proxies " + settings.trustedProxies());
    LOG.info("  API:      {}docs/ (OpenAPI), {}metrics (Prometheus), {}health", url, url, url);
    if (demo != null) {
      LOG.info("  demo:     {}", demo.describe());
    }
    access.generatedAdminToken().ifPresent(token -> LOG.info(
        "  demo admin token (shown only now; enter it under Settings to edit alert rules): {}", token));
  }
}
