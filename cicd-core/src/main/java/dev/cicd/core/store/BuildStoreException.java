package dev.cicd.core.store;

import dev.cicd.core.CicdException;

/** The store could not do its job (database unreachable, constraint broken, ...). Wraps the cause. */
public class BuildStoreException extends CicdException {
  private static final long serialVersionUID = 1L;

  public BuildStoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public BuildStoreException(String message) {
    super(message);
  }
}
