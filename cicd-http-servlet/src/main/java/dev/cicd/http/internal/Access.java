package dev.cicd.http.internal;

/** Who may call a route. */
public enum Access {
  /** Anyone; a token, when sent, must still be valid. */
  PUBLIC,
  /** Read token or admin token, or anyone when {@code publicRead} is configured. */
  READ,
  /** Admin token only, whatever the configuration. */
  ADMIN,
  /** Authenticated by the provider's webhook signature instead of a bearer token. */
  SIGNATURE,
  /** Like READ, or a live-update ticket in the {@code ticket} query parameter. */
  READ_OR_TICKET
}
