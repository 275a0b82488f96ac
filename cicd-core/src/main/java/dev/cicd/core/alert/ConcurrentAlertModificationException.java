package dev.cicd.core.alert;

import dev.cicd.core.CicdException;

/**
 * An alert instance was changed by someone else since it was read; nothing of the update was written.
 * Re-read and re-evaluate.
 */
public class ConcurrentAlertModificationException extends CicdException {
  private static final long serialVersionUID = 1L;

  public ConcurrentAlertModificationException(String fingerprint, long expectedVersion) {
    super("alert " + fingerprint + " is no longer at version " + expectedVersion);
  }
}
