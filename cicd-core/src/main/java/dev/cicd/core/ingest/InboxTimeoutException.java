package dev.cicd.core.ingest;

import dev.cicd.core.store.BuildStoreException;
import java.time.Duration;

/**
 * The store did not make a delivery's raw form durable within the caller's wait ({@link WebhookInbox#accept}): it
 * was not acknowledged; retry later. It may still be stored and merged afterwards, and its redelivery is then a
 * duplicate.
 */
public final class InboxTimeoutException extends BuildStoreException {
  private static final long serialVersionUID = 1L;

  InboxTimeoutException(Duration waited) {
    super("the store did not store the delivery within " + waited.toMillis() + " ms; retry later");
  }
}
