package dev.cicd.examples.standalone;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The standalone app's configuration, read from environment variables (or a properties file with the
 * same keys). Secrets are masked in {@link #toString()}.
 *
 * @param dataDirConfigured whether {@code CICD_DATA_DIR} was set (the demo uses a throw-away directory
 *     otherwise)
 */
public record Settings(
    int port,
    Path dataDir,
    boolean dataDirConfigured,
    Optional<Database> database,
    Optional<GitHub> github,
    Optional<String> apiToken,
    Optional<String> adminToken,
    boolean publicRead,
    Optional<URI> slackWebhookUrl,
    Optional<Smtp> smtp,
    List<String> trustedProxies,
    boolean webhookInbox,
    List<String> deployWorkflows,
    boolean demo) {

  /** PostgreSQL instead of the embedded H2 database. */
  public record Database(String url, Optional<String> user, Optional<String> password) {
    @Override
    public String toString() {
      return "Database[url=" + url + ", user=" + user.orElse("-") + ", password=" + Masks.mask(password) + "]";
    }
  }

  public record GitHub(Optional<String> token, Optional<String> webhookSecret, List<String> repositories,
      URI apiUrl, int backfillDays, Duration pollInterval, boolean pollDeployments) {
    @Override
    public String toString() {
      return "GitHub[repositories=" + repositories + ", apiUrl=" + apiUrl + ", token=" + Masks.mask(token)
          + ", webhookSecret=" + Masks.mask(webhookSecret) + ", backfillDays=" + backfillDays
          + ", pollInterval=" + pollInterval + ", pollDeployments=" + pollDeployments + "]";
    }
  }

  /** @param security {@code none}, {@code starttls} or {@code smtps} */
  public record Smtp(String host, int port, String security, Optional<String> user, Optional<String> password,
      String from, List<String> to) {
    @Override
    public String toString() {
      return "Smtp[host=" + host + ", port=" + port + ", security=" + security + ", user=" + user.orElse("-")
          + ", password=" + Masks.mask(password) + ", from=" + from + ", to=" + to + "]";
    }
  }

  @Override
  public String toString() {
    return "Settings[port=" + port + ", dataDir=" + dataDir + ", database=" + database.map(Object::toString).orElse("H2")
        + ", github=" + github + ", apiToken=" + Masks.mask(apiToken) + ", adminToken=" + Masks.mask(adminToken)
        + ", publicRead=" + publicRead + ", slack=" + (slackWebhookUrl.isPresent() ? "configured" : "-")
        + ", smtp=" + smtp + ", trustedProxies=" + trustedProxies + ", webhookInbox=" + webhookInbox
        + ", deployWorkflows=" + deployWorkflows + ", demo=" + demo
        + "]";
  }

  /** Masking of secrets for logs. */
  static final class Masks {
    private Masks() {}

    static String mask(Optional<String> secret) {
      return secret.isPresent() ? "****" : "-";
    }
  }
}
