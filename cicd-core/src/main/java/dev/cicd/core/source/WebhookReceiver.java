package dev.cicd.core.source;

/**
 * Authenticates and parses webhook deliveries of one provider. Implementations are thread-safe and
 * never throw for bad payloads: they return {@link WebhookKind#INVALID} with a problem text.
 */
public interface WebhookReceiver {
  /** Provider key, e.g. {@code github}; also the last path segment of its webhook endpoint. */
  String provider();

  /**
   * Checks the signature over the raw body first, then parses.
   *
   * @throws InvalidWebhookSignatureException when authentication fails; nothing was parsed
   */
  WebhookDelivery receive(WebhookRequest request);
}
