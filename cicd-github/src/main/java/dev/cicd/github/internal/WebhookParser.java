package dev.cicd.github.internal;

import com.fasterxml.jackson.core.filter.TokenFilter;
import dev.cicd.core.ingest.DeliveryKey;
import dev.cicd.core.ingest.ProviderEvent;
import dev.cicd.core.source.WebhookDelivery;
import dev.cicd.core.source.WebhookKind;
import dev.cicd.core.source.WebhookRequest;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an authenticated GitHub delivery into a {@link WebhookDelivery}. Never throws: malformed or
 * mistyped payloads are INVALID with a problem text; events, actions and status values this library
 * does not use are IGNORED.
 */
public final class WebhookParser {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookParser.class);

  private static final Set<String> RUN_ACTIONS = Set.of("requested", "in_progress", "completed");
  private static final Set<String> JOB_ACTIONS = Set.of("queued", "waiting", "in_progress", "completed");
  private static final Set<String> DEPLOYMENT_STATUS_ACTIONS = Set.of("created");
  private static final int MAX_EVENT_NAME = 100;

  private final JsonSupport json;
  private final TokenFilter reads;

  public WebhookParser(JsonSupport json) {
    this(json, WebhookReads.PAYLOAD);
  }

  /** A parser that builds the tree of only what {@code reads} keeps ({@link WebhookReads#PAYLOAD} by default). */
  public WebhookParser(JsonSupport json, TokenFilter reads) {
    this.json = json;
    this.reads = reads;
  }

  public WebhookDelivery parse(WebhookRequest request) {
    String rawEvent = request.header("X-GitHub-Event");
    String event = rawEvent == null ? "" : Texts.safe(rawEvent.trim(), MAX_EVENT_NAME);
    DeliveryKey key;
    try {
      key = deliveryKey(request);
    } catch (IllegalArgumentException e) {
      return WebhookDelivery.invalid(null, event, WebhookDelivery.INVALID_DELIVERY_HEADERS + e.getMessage());
    }
    if (event.isEmpty()) {
      return WebhookDelivery.invalid(key, event, "X-GitHub-Event header is missing");
    }
    String contentProblem = contentTypeProblem(request.header("Content-Type"));
    if (contentProblem != null) {
      return WebhookDelivery.invalid(key, event, contentProblem);
    }
    String action = null;
    try {
      Fields root = Fields.of(json.parse(request.body(), reads), "");
      action = root.nonEmptyText("action");
      return route(key, event, action, root);
    } catch (PayloadException e) {
      return invalid(key, event, action, e.getMessage());
    } catch (UnknownValueException e) {
      LOG.debug("Ignoring {} delivery: {}", event, e.getMessage());
      return new WebhookDelivery(WebhookKind.IGNORED, key, event, action, List.of(), e.getMessage());
    } catch (RuntimeException e) {
      return invalid(key, event, action, "invalid payload: " + Texts.safe(e.getMessage(), 300));
    }
  }

  private WebhookDelivery route(@Nullable DeliveryKey key, String event, @Nullable String action, Fields root) {
    switch (event) {
      case "ping":
        return new WebhookDelivery(WebhookKind.PING, key, event, action, List.of(), null);
      case "workflow_run":
        if (!known(RUN_ACTIONS, action)) {
          return WebhookDelivery.ignored(key, event, action);
        }
        return events(key, event, action, RunMapper.map(root.requiredObject("workflow_run"), root.object("workflow"),
            repository(root, "workflow_run")));
      case "workflow_job":
        if (!known(JOB_ACTIONS, action)) {
          return WebhookDelivery.ignored(key, event, action);
        }
        return events(key, event, action,
            JobMapper.map(root.requiredObject("workflow_job"), repository(root, "workflow_job"), null, null));
      case "deployment_status":
        if (!known(DEPLOYMENT_STATUS_ACTIONS, action)) {
          return WebhookDelivery.ignored(key, event, action);
        }
        return events(key, event, action, DeploymentMapper.map(root, repository(root, "deployment")));
      default:
        return WebhookDelivery.ignored(key, event, action);
    }
  }

  private static boolean known(Set<String> actions, @Nullable String action) {
    return action != null && actions.contains(action);
  }

  private static WebhookDelivery events(@Nullable DeliveryKey key, String event, @Nullable String action,
      ProviderEvent providerEvent) {
    return new WebhookDelivery(WebhookKind.EVENTS, key, event, action, List.of(providerEvent), null);
  }

  private static WebhookDelivery invalid(@Nullable DeliveryKey key, String event, @Nullable String action,
      String problem) {
    return new WebhookDelivery(WebhookKind.INVALID, key, event, action, List.of(), problem);
  }

  /** The top-level {@code repository.full_name}; the event object's own repository when that is absent. */
  private static String repository(Fields root, String eventObject) {
    Fields repository = root.object("repository");
    if (repository == null) {
      Fields nested = root.object(eventObject);
      repository = nested == null ? null : nested.object("repository");
    }
    if (repository == null) {
      throw new PayloadException("invalid payload: repository is missing");
    }
    return repository.requiredText("full_name");
  }

  private static @Nullable DeliveryKey deliveryKey(WebhookRequest request) {
    String delivery = request.header("X-GitHub-Delivery");
    if (delivery == null || delivery.isBlank()) {
      return null;
    }
    String hook = request.header("X-GitHub-Hook-ID");
    return new DeliveryKey(hook == null || hook.isBlank() ? null : hook.trim(), delivery.trim());
  }

  /** Null when the body may be JSON: no content type, {@code application/json} or {@code *+json}. */
  static @Nullable String contentTypeProblem(@Nullable String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return null;
    }
    String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (mediaType.equals("application/json") || mediaType.endsWith("+json")) {
      return null;
    }
    if (mediaType.equals("application/x-www-form-urlencoded")) {
      return "form-encoded webhook payloads (application/x-www-form-urlencoded) are not supported; "
          + "set the webhook's content type to application/json in GitHub";
    }
    return "unsupported content type '" + Texts.safe(mediaType, 100) + "'; set the webhook's content type to "
        + "application/json in GitHub";
  }
}
