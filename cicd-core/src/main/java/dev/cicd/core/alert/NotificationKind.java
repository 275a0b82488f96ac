package dev.cicd.core.alert;

import java.util.Locale;

/** Why a notification is sent. */
public enum NotificationKind {
  /** The alert started firing (once per episode and receiver). */
  FIRING,
  /** Still firing: a reminder after the repeat interval, or another failure for an every-failure rule. */
  REPEAT,
  /** The alert resolved ("back to green"). */
  RESOLVED,
  /** A test message asked for by an operator. */
  TEST;

  /** Lower-case name used in keys and messages. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
