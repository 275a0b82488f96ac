package dev.cicd.http.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cicd.core.Cicd;
import dev.cicd.core.ingest.DeliveryKey;
import dev.cicd.core.ingest.IngestOutcome;
import dev.cicd.core.ingest.IngestResult;
import dev.cicd.core.ingest.WebhookInbox;
import dev.cicd.core.source.InvalidWebhookSignatureException;
import dev.cicd.core.source.WebhookDelivery;
import dev.cicd.core.source.WebhookKind;
import dev.cicd.core.source.WebhookReceiver;
import dev.cicd.core.source.WebhookRequest;
import dev.cicd.core.store.BuildStoreException;
import dev.cicd.http.internal.WebhookCounters.Outcome;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/webhook/{endpoint}}: the capped raw body goes to the provider's
 * {@link WebhookReceiver} (signature first, then parsing); events are stored synchronously through
 * {@code ingestDelivery} before any 2xx, so a 2xx means stored. Listeners (live updates, alerts) run
 * after the store step. With a {@link WebhookInbox} the 2xx (202 "accepted") comes once the raw delivery is
 * stored, and the merge follows behind.
 */
public final class WebhookHandler {
  /** Last path segment of a webhook endpoint → provider key. */
  public static final Map<String, String> ENDPOINTS = Map.of("github-actions", "github");

  private static final String MISSING_DELIVERY_ID = "Missing Delivery Id";
  private static final Logger LOG = LoggerFactory.getLogger(WebhookHandler.class);

  private final Cicd cicd;
  private final long maxBodyBytes;
  private final WebhookIngestor ingestor;
  private final WebhookCounters counters;
  private final Json json;

  public WebhookHandler(Cicd cicd, long maxBodyBytes, WebhookIngestor ingestor, WebhookCounters counters, Json json) {
    this.cicd = cicd;
    this.maxBodyBytes = maxBodyBytes;
    this.ingestor = ingestor;
    this.counters = counters;
    this.json = json;
  }

  public void receive(Exchange exchange) throws IOException {
    String provider = ENDPOINTS.get(exchange.variable("endpoint"));
    if (provider == null) {
      throw HttpProblem.notFound("no webhook endpoint has this name; known: " + ENDPOINTS.keySet());
    }
    try {
      receive(exchange, provider);
    } catch (HttpProblem problem) {
      counters.count(provider, outcomeOf(problem));
      throw problem;
    } catch (InvalidWebhookSignatureException e) {
      counters.count(provider, Outcome.UNAUTHORIZED);
      LOG.warn("Rejected a {} webhook delivery {} from {}: {}", provider,
          safe(exchange.request().getHeader("X-GitHub-Delivery")), exchange.request().getRemoteAddr(), e.getMessage());
      throw e;
    } catch (BuildStoreException e) {
      counters.count(provider, Outcome.UNAVAILABLE);
      throw e;
    } catch (RuntimeException e) {
      counters.count(provider, Outcome.ERROR);
      throw e;
    }
  }

  private void receive(Exchange exchange, String provider) throws IOException {
    WebhookReceiver receiver = cicd.webhookReceiver(provider).orElseThrow(() -> new HttpProblem(404, "Not Found",
        "webhooks are not configured for this provider (no webhook secret)"));
    if (!MediaTypes.isJson(exchange.request())) {
      throw HttpProblem.unsupportedMediaType("application/json (set the webhook's content type to JSON)");
    }
    byte[] body = exchange.body(maxBodyBytes);
    WebhookRequest request = new WebhookRequest(headers(exchange.request()), body);
    WebhookDelivery delivery = receiver.receive(request);
    DeliveryKey key = delivery.key();
    if (key == null) {
      String problem = delivery.problem();
      boolean unusable = delivery.kind() == WebhookKind.INVALID && problem != null
          && problem.startsWith(WebhookDelivery.INVALID_DELIVERY_HEADERS);
      throw new HttpProblem(400, MISSING_DELIVERY_ID,
          unusable ? problem : "the delivery id header (X-GitHub-Delivery) is required");
    }
    switch (delivery.kind()) {
      case INVALID -> throw HttpProblem.badRequest(delivery.problem() == null ? "the payload is not usable"
          : delivery.problem());
      case PING -> answer(exchange, provider, Outcome.PING, 200, status("pong", delivery));
      case IGNORED -> answer(exchange, provider, Outcome.IGNORED, 202, status("ignored", delivery));
      case EVENTS -> {
        Optional<WebhookInbox> inbox = cicd.inbox();
        if (inbox.isPresent()) {
          accept(exchange, provider, inbox.get(), request, delivery);
        } else {
          store(exchange, provider, key, delivery);
        }
      }
    }
  }

  /** With an inbox: 202 once the raw delivery is stored; its events are merged behind. */
  private void accept(Exchange exchange, String provider, WebhookInbox inbox, WebhookRequest request,
      WebhookDelivery delivery) throws IOException {
    // On this thread: the inbox's append keeps the timeout itself (its writer is a thread of its own).
    boolean accepted = ingestor.runHere(timeout -> inbox.accept(provider, request, delivery, timeout));
    LOG.debug("{} webhook delivery {} {}", provider, delivery.key().asString(), accepted ? "accepted" : "was a duplicate");
    answer(exchange, provider, accepted ? Outcome.STORED : Outcome.DUPLICATE, accepted ? 202 : 200,
        status(accepted ? "accepted" : "duplicate", delivery));
  }

  private void store(Exchange exchange, String provider, DeliveryKey key, WebhookDelivery delivery)
      throws IOException {
    List<IngestResult> results = ingestor.run(() -> cicd.ingestion().ingestDelivery(key, delivery.events()));
    boolean duplicate = results.size() == 1 && results.get(0).outcome() == IngestOutcome.DUPLICATE;
    ObjectNode body = status(duplicate ? "duplicate" : "stored", delivery);
    if (!duplicate) {
      body.put("changed", results.stream().filter(r -> r.outcome().changed()).count());
      Set<String> ids = new LinkedHashSet<>();
      results.forEach(r -> r.buildAfter().ifPresent(b -> ids.add(b.id().asString())));
      ArrayNode builds = body.putArray("builds");
      ids.forEach(builds::add);
    }
    LOG.debug("{} webhook delivery {} {}", provider, key.asString(), duplicate ? "was a duplicate" : "stored");
    answer(exchange, provider, duplicate ? Outcome.DUPLICATE : Outcome.STORED, 200, body);
  }

  private ObjectNode status(String status, WebhookDelivery delivery) {
    ObjectNode body = json.object();
    body.put("status", status);
    body.put("deliveryId", delivery.key() == null ? null : delivery.key().deliveryId());
    body.put("event", delivery.eventType());
    body.put("action", delivery.action());
    return body;
  }

  private void answer(Exchange exchange, String provider, Outcome outcome, int status, ObjectNode body)
      throws IOException {
    counters.count(provider, outcome);
    json.write(exchange.response(), status, body);
  }

  private static Map<String, List<String>> headers(HttpServletRequest request) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String name : Collections.list(request.getHeaderNames())) {
      headers.put(name, Collections.list(request.getHeaders(name)));
    }
    return headers;
  }

  private static Outcome outcomeOf(HttpProblem problem) {
    if (problem.title().equals(MISSING_DELIVERY_ID)) {
      return Outcome.MISSING_DELIVERY_ID;
    }
    return switch (problem.status()) {
      case 400 -> Outcome.INVALID;
      case 404 -> Outcome.NOT_CONFIGURED;
      case 413 -> Outcome.TOO_LARGE;
      case 415 -> Outcome.UNSUPPORTED_MEDIA_TYPE;
      case 503 -> Outcome.UNAVAILABLE;
      default -> Outcome.ERROR;
    };
  }

  /** A delivery id fit for a log line: no control characters, bounded. */
  static String safe(String value) {
    if (value == null) {
      return "(none)";
    }
    String cleaned = value.replaceAll("[^A-Za-z0-9._-]", "?");
    return cleaned.length() > 64 ? cleaned.substring(0, 64) + "…" : cleaned;
  }
}
