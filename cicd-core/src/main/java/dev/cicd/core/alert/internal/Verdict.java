package dev.cicd.core.alert.internal;

import dev.cicd.core.build.Build;
import org.jspecify.annotations.Nullable;

/**
 * What a rule says about a series now.
 *
 * @param subject the build the verdict is about (its facts go into notifications)
 * @param eventKey for rules that notify per event: identifies the event, so each is notified once
 */
public record Verdict(Kind kind, String summary, @Nullable Build subject, @Nullable String eventKey) {
  /** Verdict kinds. */
  public enum Kind {
    /** Condition holds (or is kept by hysteresis): the alert should fire. */
    FIRING,
    /** Condition started to hold but not for long enough yet. */
    PENDING,
    /** Condition does not hold. */
    CLEAR,
    /** Not enough data to decide: keep the current state. */
    UNKNOWN
  }

  public static Verdict firing(String summary, @Nullable Build subject) {
    return new Verdict(Kind.FIRING, summary, subject, null);
  }

  public static Verdict pending(String summary, @Nullable Build subject) {
    return new Verdict(Kind.PENDING, summary, subject, null);
  }

  public static Verdict clear(String summary, @Nullable Build subject) {
    return new Verdict(Kind.CLEAR, summary, subject, null);
  }

  public static Verdict unknown(String summary) {
    return new Verdict(Kind.UNKNOWN, summary, null, null);
  }

  public Verdict withEventKey(String key) {
    return new Verdict(kind, summary, subject, key);
  }

  /** Identifies a build attempt: {@code buildId#attempt}. */
  public static String eventKeyOf(Build build) {
    return build.id().asString() + "#" + build.attemptNumber();
  }
}
