package dev.cicd.core.store;

import dev.cicd.core.CicdException;

/** No build has the requested id. */
public class BuildNotFoundException extends CicdException {
  private static final long serialVersionUID = 1L;

  public BuildNotFoundException(String id) {
    super("No build with id " + id);
  }
}
