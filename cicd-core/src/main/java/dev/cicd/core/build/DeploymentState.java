package dev.cicd.core.build;

import java.util.Locale;
import java.util.Optional;

/** State of a deployment status, as GitHub spells it. */
public enum DeploymentState {
  PENDING,
  QUEUED,
  IN_PROGRESS,
  SUCCESS,
  FAILURE,
  ERROR,
  INACTIVE;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True for {@code failure} and {@code error}: the deployment did not go out. */
  public boolean isFailure() {
    return this == FAILURE || this == ERROR;
  }

  public static Optional<DeploymentState> fromWireName(String value) {
    if (value == null) {
      return Optional.empty();
    }
    for (DeploymentState state : values()) {
      if (state.wireName().equalsIgnoreCase(value.trim())) {
        return Optional.of(state);
      }
    }
    return Optional.empty();
  }
}
