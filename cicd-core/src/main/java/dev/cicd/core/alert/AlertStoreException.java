package dev.cicd.core.alert;

import dev.cicd.core.CicdException;

/** The alert store could not do its job (database unreachable, constraint broken, ...). */
public class AlertStoreException extends CicdException {
  private static final long serialVersionUID = 1L;

  public AlertStoreException(String message) {
    super(message);
  }

  public AlertStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
