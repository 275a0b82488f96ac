package dev.cicd.core.alert.internal;

import dev.cicd.core.alert.AlertInstance;
import dev.cicd.core.alert.AlertState;
import dev.cicd.core.alert.AlertTransition;
import dev.cicd.core.alert.NotificationKind;
import dev.cicd.core.build.Build;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One decided change of an alert instance: its next state, the transition to record and the notice to
 * send. {@link #decide} is the per-instance state machine.
 */
public record Step(AlertInstance next, @Nullable AlertTransition transition, @Nullable NotificationKind notice,
    @Nullable String eventKey, @Nullable Build subject) {

  /**
   * {@code inactive → pending → firing → resolved}: a firing verdict fires (once per episode), a
   * pending one waits silently, a clear one resolves a firing alert or drops a pending one, an unknown
   * one keeps the state. While firing, a verdict with a new event key sends a repeat notice.
   */
  public static Optional<Step> decide(AlertInstance current, Verdict verdict, Instant now) {
    Build subject = verdict.subject();
    AlertInstance described = current.describe(verdict.summary(),
        subject == null ? current.buildId() : subject.id().asString(),
        subject == null ? current.commitSha() : subject.commitSha());
    AlertState state = current.state();
    switch (verdict.kind()) {
      case PENDING:
        if (!state.isOpen()) {
          return Optional.of(move(current, described.moveTo(AlertState.PENDING, now, current.episode() + 1, null),
              now, verdict, null));
        }
        return Optional.empty();
      case FIRING:
        if (state == AlertState.FIRING) {
          String key = verdict.eventKey();
          if (key != null && !key.equals(current.lastEventKey())) {
            return Optional.of(new Step(described, null, NotificationKind.REPEAT, key, subject));
          }
          return Optional.empty();
        }
        long episode = state == AlertState.PENDING ? current.episode() : current.episode() + 1;
        return Optional.of(move(current, described.moveTo(AlertState.FIRING, now, episode, now), now, verdict,
            NotificationKind.FIRING));
      case CLEAR:
        if (state == AlertState.PENDING) {
          return Optional.of(move(current, described.moveTo(AlertState.INACTIVE, now, current.episode(), null),
              now, verdict, null));
        }
        if (state == AlertState.FIRING) {
          return Optional.of(move(current,
              described.moveTo(AlertState.RESOLVED, now, current.episode(), current.firedAt()), now, verdict,
              NotificationKind.RESOLVED));
        }
        return Optional.empty();
      default:
        return Optional.empty();
    }
  }

  /** Silently ends an open instance (its rule was removed). */
  public static Step retire(AlertInstance current, Instant now, String reason) {
    AlertInstance next = current.moveTo(AlertState.INACTIVE, now, current.episode(), null);
    return new Step(next, AlertTransition.of(current, next, now, reason), null, null, null);
  }

  private static Step move(AlertInstance before, AlertInstance after, Instant now, Verdict verdict,
      @Nullable NotificationKind notice) {
    return new Step(after, AlertTransition.of(before, after, now, verdict.summary()), notice, verdict.eventKey(),
        verdict.subject());
  }
}
