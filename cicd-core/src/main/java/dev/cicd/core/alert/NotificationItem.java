package dev.cicd.core.alert;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The facts one notification tells about one alert, as plain data (an outbox row stores them as
 * columns). Every string that came from the provider (branch, workflow, commit title, actor, URL) is
 * untrusted: channels must escape it for their format.
 *
 * @param summary the rule's description, for example "3 consecutive failures"
 * @param since when the alert started firing (or resolved, for a resolved notice)
 * @param durationMs duration of the build the notice is about, if known
 */
public record NotificationItem(
    NotificationKind kind,
    String fingerprint,
    long episode,
    String ruleId,
    String ruleType,
    String repository,
    String workflow,
    String branch,
    String summary,
    Instant since,
    @Nullable String buildId,
    @Nullable Long runNumber,
    @Nullable String commitSha,
    @Nullable String commitTitle,
    @Nullable String actor,
    @Nullable Long durationMs,
    @Nullable String buildUrl) {

  public NotificationItem {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(ruleType, "ruleType");
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(workflow, "workflow");
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(since, "since");
  }

  /** {@code repository/workflow@branch}, leaving out the empty parts. */
  public String scopeLabel() {
    StringBuilder label = new StringBuilder(repository.isEmpty() ? "(all repositories)" : repository);
    if (!workflow.isEmpty()) {
      label.append('/').append(workflow);
    }
    if (!branch.isEmpty()) {
      label.append('@').append(branch);
    }
    return label.toString();
  }
}
