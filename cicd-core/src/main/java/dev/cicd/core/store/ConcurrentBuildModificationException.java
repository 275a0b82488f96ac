package dev.cicd.core.store;

import dev.cicd.core.CicdException;
import dev.cicd.core.build.BuildId;

/** A save found a different stored version than expected: another writer got there first. Retry. */
public class ConcurrentBuildModificationException extends CicdException {
  private static final long serialVersionUID = 1L;

  public ConcurrentBuildModificationException(BuildId id, long expectedVersion) {
    super("Build " + id + " was modified concurrently (expected version " + expectedVersion + ")");
  }

  /** Another writer got there first in a way the message describes (a delivery of a batch, say). */
  public ConcurrentBuildModificationException(String message) {
    super(message);
  }
}
