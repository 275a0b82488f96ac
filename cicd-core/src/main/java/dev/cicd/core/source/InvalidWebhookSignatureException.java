package dev.cicd.core.source;

import dev.cicd.core.CicdException;

/**
 * A webhook delivery failed authentication: signature missing, malformed or wrong, or no secret is
 * configured. The message names the reason and never contains the body, the secret or the signature.
 */
public class InvalidWebhookSignatureException extends CicdException {
  private static final long serialVersionUID = 1L;

  public InvalidWebhookSignatureException(String reason) {
    super(reason);
  }
}
