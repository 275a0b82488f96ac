package dev.cicd.core.alert;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One state change of an alert instance, kept as history.
 *
 * @param reason what caused it, for example "3 consecutive failures" or "rule removed"
 * @param buildId string form of the build that caused it, if any
 */
public record AlertTransition(
    String fingerprint,
    String ruleId,
    String repository,
    String workflow,
    String branch,
    AlertState from,
    AlertState to,
    long episode,
    Instant at,
    String reason,
    @Nullable String buildId) {

  public AlertTransition {
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(workflow, "workflow");
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(reason, "reason");
  }

  public static AlertTransition of(AlertInstance before, AlertInstance after, Instant at, String reason) {
    return new AlertTransition(after.fingerprint(), after.ruleId(), after.repository(), after.workflow(),
        after.branch(), before.state(), after.state(), after.episode(), at, reason, after.buildId());
  }
}
