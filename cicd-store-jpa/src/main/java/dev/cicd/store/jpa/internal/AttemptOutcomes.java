package dev.cicd.store.jpa.internal;

import dev.cicd.core.build.Attempt;
import dev.cicd.core.build.Conclusion;
import dev.cicd.core.metrics.OutcomePolicy;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code attempt_outcomes} column: a short, bounded text from which flaky builds, first-attempt
 * success and the latest conclusion follow for any {@link OutcomePolicy}.
 *
 * <p>Character 0 is the conclusion code of attempt 1 whatever its status ({@value #NONE} for none,
 * {@value #ABSENT} when attempt 1 is unknown). Then come the codes of the completed attempts in
 * attempt order ({@value #NONE} for a completed attempt without conclusion), keeping only the first
 * and the last occurrence of each code: "some attempt with code A before some attempt with code B"
 * holds for the kept codes exactly when it holds for all, so at most 21 characters describe any
 * number of attempts. The last character is the latest completed attempt's conclusion.
 */
public final class AttemptOutcomes {
  public static final char NONE = '_';
  public static final char ABSENT = '.';
  private static final String CODES = "sfnckta" + "eu";
  private static final Conclusion[] BY_INDEX = {
    Conclusion.SUCCESS, Conclusion.FAILURE, Conclusion.NEUTRAL, Conclusion.CANCELLED, Conclusion.SKIPPED,
    Conclusion.TIMED_OUT, Conclusion.ACTION_REQUIRED, Conclusion.STALE, Conclusion.STARTUP_FAILURE
  };

  private AttemptOutcomes() {}

  public static char code(@Nullable Conclusion conclusion) {
    if (conclusion == null) {
      return NONE;
    }
    for (int i = 0; i < BY_INDEX.length; i++) {
      if (BY_INDEX[i] == conclusion) {
        return CODES.charAt(i);
      }
    }
    throw new IllegalArgumentException("no code for " + conclusion);
  }

  public static @Nullable Conclusion conclusion(char code) {
    int i = CODES.indexOf(code);
    return i < 0 ? null : BY_INDEX[i];
  }

  /** @param attempts ordered by number */
  public static String encode(List<Attempt> attempts) {
    StringBuilder out = new StringBuilder(8);
    Attempt first = attempts.get(0).number() == 1 ? attempts.get(0) : null;
    out.append(first == null ? ABSENT : code(first.conclusion()));
    StringBuilder sequence = new StringBuilder();
    for (Attempt attempt : attempts) {
      if (attempt.isCompleted()) {
        sequence.append(code(attempt.conclusion()));
      }
    }
    for (int i = 0; i < sequence.length(); i++) {
      char c = sequence.charAt(i);
      boolean firstOccurrence = sequence.indexOf(String.valueOf(c)) == i;
      boolean lastOccurrence = sequence.lastIndexOf(String.valueOf(c)) == i;
      if (firstOccurrence || lastOccurrence) {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Per-policy lookup of codes, for tight loops. */
  public static final class Classifier {
    private final boolean[] success = new boolean[128];
    private final boolean[] failure = new boolean[128];

    public Classifier(OutcomePolicy policy) {
      for (int i = 0; i < BY_INDEX.length; i++) {
        char c = CODES.charAt(i);
        success[c] = policy.isSuccess(BY_INDEX[i]);
        failure[c] = policy.isFailure(BY_INDEX[i]);
      }
    }

    public boolean isSuccess(char code) {
      return code < 128 && success[code];
    }

    public boolean isFailure(char code) {
      return code < 128 && failure[code];
    }

    /** The latest attempt's conclusion code of a completed build. */
    public static char latest(String outcomes) {
      return outcomes.charAt(outcomes.length() - 1);
    }

    public boolean firstAttemptSucceeded(String outcomes) {
      return isSuccess(outcomes.charAt(0));
    }

    /** A completed failure-class attempt followed by a completed successful one. */
    public boolean isFlaky(String outcomes) {
      boolean failedBefore = false;
      for (int i = 1; i < outcomes.length(); i++) {
        char c = outcomes.charAt(i);
        if (failedBefore && isSuccess(c)) {
          return true;
        }
        failedBefore |= isFailure(c);
      }
      return false;
    }
  }
}
