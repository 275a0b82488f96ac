package dev.cicd.core.metrics;

import dev.cicd.core.build.Conclusion;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which conclusions count as success and which as failure in rates, durations, MTTR and flakiness.
 * Every other conclusion counts in totals only. Default: success = {success}; failure = {failure,
 * timed_out, startup_failure}.
 */
public record OutcomePolicy(Set<Conclusion> success, Set<Conclusion> failure) {

  public static final OutcomePolicy DEFAULT = new OutcomePolicy(
      EnumSet.of(Conclusion.SUCCESS),
      EnumSet.of(Conclusion.FAILURE, Conclusion.TIMED_OUT, Conclusion.STARTUP_FAILURE));

  public OutcomePolicy {
    if (success == null || success.isEmpty()) {
      throw new IllegalArgumentException("success conclusions must not be empty");
    }
    if (failure == null || failure.isEmpty()) {
      throw new IllegalArgumentException("failure conclusions must not be empty");
    }
    Set<Conclusion> overlap = EnumSet.copyOf(success);
    overlap.retainAll(failure);
    if (!overlap.isEmpty()) {
      throw new IllegalArgumentException("a conclusion cannot be both success and failure, but was " + overlap);
    }
    success = Set.copyOf(success);
    failure = Set.copyOf(failure);
  }

  public boolean isSuccess(@Nullable Conclusion conclusion) {
    return conclusion != null && success.contains(conclusion);
  }

  public boolean isFailure(@Nullable Conclusion conclusion) {
    return conclusion != null && failure.contains(conclusion);
  }

  /** Counts in the success rate: success or failure class. */
  public boolean isRateRelevant(@Nullable Conclusion conclusion) {
    return isSuccess(conclusion) || isFailure(conclusion);
  }
}
