package dev.cicd.core.alert;

/**
 * Where an alert instance is in its life: {@code inactive → pending → firing → resolved}. A resolved
 * instance behaves like an inactive one: the next time its condition holds a new episode starts.
 */
public enum AlertState {
  INACTIVE,
  PENDING,
  FIRING,
  RESOLVED;

  /** True for states whose condition currently holds (pending or firing). */
  public boolean isOpen() {
    return this == PENDING || this == FIRING;
  }
}
