package dev.cicd.core.store;

/**
 * The store could not be reached at all (no connection to its database, pool timed out): nothing was read or
 * written, and retrying at once will most likely fail the same way. Stores throw it instead of a plain
 * {@link BuildStoreException} when they can tell; ingestion then fails further deliveries fast until the
 * store answers again.
 */
public class StoreUnavailableException extends BuildStoreException {
  private static final long serialVersionUID = 1L;

  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreUnavailableException(String message) {
    super(message);
  }
}
