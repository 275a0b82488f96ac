package dev.cicd.github;

import dev.cicd.core.source.InvalidWebhookSignatureException;
import dev.cicd.core.source.WebhookDelivery;
import dev.cicd.core.source.WebhookKind;
import dev.cicd.core.source.WebhookReceiver;
import dev.cicd.core.source.WebhookRequest;
import dev.cicd.github.internal.JsonSupport;
import dev.cicd.github.internal.WebhookParser;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives GitHub webhook deliveries: verifies {@code X-Hub-Signature-256} over the raw body first,
 * then parses {@code workflow_run}, {@code workflow_job}, {@code deployment_status} and {@code ping}.
 * Other events and unknown actions are {@link WebhookKind#IGNORED} and counted. Bad payloads are
 * {@link WebhookKind#INVALID} with a problem text; no exception but
 * {@link InvalidWebhookSignatureException} leaves {@link #receive}. Thread-safe.
 */
public final class GitHubWebhookReceiver implements WebhookReceiver {
  /** Distinct event names counted separately; further names are counted under {@code other}. */
  static final int MAX_COUNTED_EVENTS = 64;

  private static final Logger LOG = LoggerFactory.getLogger(GitHubWebhookReceiver.class);

  private final WebhookSignature signature;
  private final WebhookParser parser;
  private final Map<String, LongAdder> ignored = new ConcurrentHashMap<>();

  public GitHubWebhookReceiver(GitHubConfig config) {
    Objects.requireNonNull(config, "config");
    this.signature = WebhookSignature.of(config.webhookSecrets());
    this.parser = new WebhookParser(new JsonSupport(config.maxPayloadBytes()));
    if (!signature.isConfigured()) {
      LOG.warn("No GitHub webhook secret is configured: every webhook delivery will be refused. "
          + "Set GitHubConfig.webhookSecret to accept deliveries.");
    }
  }

  @Override
  public String provider() {
    return "github";
  }

  /**
   * @throws InvalidWebhookSignatureException when the signature is missing, malformed, SHA-1 only or
   *     wrong, or no secret is configured; nothing was parsed then
   */
  @Override
  public WebhookDelivery receive(WebhookRequest request) {
    Objects.requireNonNull(request, "request");
    if (request.headerValues(WebhookSignature.HEADER).isEmpty()
        && !request.headerValues(WebhookSignature.LEGACY_HEADER).isEmpty() && signature.isConfigured()) {
      throw new InvalidWebhookSignatureException("only the legacy SHA-1 " + WebhookSignature.LEGACY_HEADER
          + " header was sent; " + WebhookSignature.HEADER + " is required");
    }
    signature.verify(request.headerValues(WebhookSignature.HEADER), request.body());
    WebhookDelivery delivery = parser.parse(request);
    switch (delivery.kind()) {
      case IGNORED -> {
        count(delivery.eventType());
        LOG.debug("Ignored GitHub {} delivery (action {})", delivery.eventType(), delivery.action());
      }
      case INVALID -> LOG.warn("Invalid GitHub {} delivery {}: {}", delivery.eventType(),
          delivery.key() == null ? "without id" : delivery.key().asString(), delivery.problem());
      default -> LOG.debug("GitHub {} delivery ({}) accepted", delivery.eventType(), delivery.action());
    }
    return delivery;
  }

  /** Ignored deliveries so far, by event name ({@code other} past {@value #MAX_COUNTED_EVENTS} names). */
  public Map<String, Long> ignoredDeliveries() {
    Map<String, Long> counts = new TreeMap<>();
    ignored.forEach((event, count) -> counts.put(event, count.sum()));
    return counts;
  }

  /** Total of {@link #ignoredDeliveries()}. */
  public long ignoredCount() {
    return ignored.values().stream().mapToLong(LongAdder::sum).sum();
  }

  private void count(String event) {
    String key = event.isEmpty() ? "unknown" : event;
    if (!ignored.containsKey(key) && ignored.size() >= MAX_COUNTED_EVENTS) {
      key = "other";
    }
    ignored.computeIfAbsent(key, k -> new LongAdder()).increment();
  }

  @Override
  public String toString() {
    return "GitHubWebhookReceiver[" + signature + "]";
  }
}
