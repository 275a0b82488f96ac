package dev.cicd.github.internal;

/**
 * A well-formed payload carries a value this library does not know, such as a new status string.
 * Webhook deliveries with such a value are acknowledged as ignored (GitHub keeps adding values);
 * the poller skips the object and reports it.
 */
public final class UnknownValueException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UnknownValueException(String message) {
    super(message);
  }
}
