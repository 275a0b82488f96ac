package dev.cicd.examples.standalone;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up lines: where to go, and which store, sources and channels are active. Secrets appear
 * only as "****", except the demo admin token that was generated for this run.
 */
final class StartupSummary {
  private static final Logger LOG = LoggerFactory.getLogger(StartupSummary.class);

  private StartupSummary() {}

  static void log(List<String> lines) {
    lines.forEach(line -> LOG.info("{}", line));
  }

  static List<String> lines(String url, long startMillis, String store, Settings settings, List<String> channels,
      String alertStore, Access access, Optional<String> demo) {
    List<String> lines = new ArrayList<>();
    lines.add("CI/CD dashboard ready at " + url + " (started in " + startMillis + " ms)");
    lines.add("  store:    " + store + (settings.webhookInbox()
        ? "; webhooks acknowledged once stored raw, merged behind (CICD_WEBHOOK_INBOX)" : ""));
    lines.add("  sources:  " + settings.github().map(g -> GitHubSetup.describe(g, url + "api/webhook/github-actions"))
        .orElse("none (set CICD_GITHUB_WEBHOOK_SECRET for webhooks; CICD_GITHUB_TOKEN and CICD_GITHUB_REPOSITORIES"
            + " for polling)"));
    lines.add("  alerts:   channels " + String.join(", ", channels) + "; alert state " + alertStore);
    lines.add("  access:   " + access.describe()
        + (settings.trustedProxies().isEmpty() ? "" : ", trusted proxies " + settings.trustedProxies()));
    lines.add("  API:      " + url + "docs/ (OpenAPI), " + url + "metrics (Prometheus), " + url + "health");
    demo.ifPresent(text -> lines.add("  demo:     " + text));
    access.generatedAdminToken().ifPresent(token -> lines.add(
        "  demo admin token (shown only now; enter it under Settings to edit alert rules): " + token));
    return lines;
  }
}
