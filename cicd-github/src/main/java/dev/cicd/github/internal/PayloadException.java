package dev.cicd.github.internal;

import dev.cicd.core.CicdException;

/**
 * A payload from GitHub could not be used: malformed JSON, a parser limit exceeded, a missing
 * required field or a field of the wrong type. The message names the field and is safe to show
 * (it never contains payload text beyond a short, cleaned value).
 */
public final class PayloadException extends CicdException {
  private static final long serialVersionUID = 1L;

  public PayloadException(String message) {
    super(message);
  }

  public PayloadException(String message, Throwable cause) {
    super(message, cause);
  }
}
