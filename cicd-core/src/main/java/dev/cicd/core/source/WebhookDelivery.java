package dev.cicd.core.source;

import dev.cicd.core.ingest.DeliveryKey;
import dev.cicd.core.ingest.ProviderEvent;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An authenticated, parsed webhook delivery.
 *
 * @param key delivery identity for deduplication; null when the sender gave no delivery id, or one that is not
 *     usable (then the delivery is INVALID and its problem starts with {@link #INVALID_DELIVERY_HEADERS})
 * @param eventType the provider's event name, e.g. {@code workflow_run}
 * @param action the payload's action, when it has one
 * @param events what to ingest (empty unless kind is EVENTS)
 * @param problem for INVALID deliveries, what is wrong, safe to show to the sender
 */
public record WebhookDelivery(
    WebhookKind kind,
    @Nullable DeliveryKey key,
    String eventType,
    @Nullable String action,
    List<ProviderEvent> events,
    @Nullable String problem) {

  /** How the problem of a delivery whose id headers are present but not usable (too long, say) begins. */
  public static final String INVALID_DELIVERY_HEADERS = "invalid delivery headers: ";

  public WebhookDelivery {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(eventType, "eventType");
    events = List.copyOf(events);
  }

  public static WebhookDelivery invalid(@Nullable DeliveryKey key, String eventType, String problem) {
    return new WebhookDelivery(WebhookKind.INVALID, key, eventType, null, List.of(), problem);
  }

  public static WebhookDelivery ignored(@Nullable DeliveryKey key, String eventType, @Nullable String action) {
    return new WebhookDelivery(WebhookKind.IGNORED, key, eventType, action, List.of(), null);
  }
}
