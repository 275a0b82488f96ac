package dev.cicd.core.source;

/** What an authenticated webhook delivery turned out to be. */
public enum WebhookKind {
  /** Carries events to ingest. */
  EVENTS,
  /** The provider's hook-creation ping: acknowledge, store nothing. */
  PING,
  /** An event type or action this library does not use: acknowledge and count. */
  IGNORED,
  /** Authentic but unusable (malformed JSON, wrong types, limits exceeded): reject with 400. */
  INVALID
}
