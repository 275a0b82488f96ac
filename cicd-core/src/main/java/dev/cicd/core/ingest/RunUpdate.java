package dev.cicd.core.ingest;

import dev.cicd.core.build.BuildId;
import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.build.Conclusion;
import dev.cicd.core.build.ProviderText;
import dev.cicd.core.build.Workflow;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A report of one attempt of a workflow run (GitHub {@code workflow_run} webhook or REST run object).
 *
 * @param attempt run attempt, from 1 (GitHub {@code run_attempt})
 * @param createdAt when the run was created (GitHub {@code created_at})
 * @param startedAt when this attempt started (GitHub {@code run_started_at})
 * @param updatedAt the provider's last-update time; orders reports of the same status
 * @param completedAt when the attempt completed; when null for a completed report, {@code updatedAt}
 * @param conclusion ignored unless {@code status} is completed
 */
public record RunUpdate(
    BuildId id,
    int attempt,
    Workflow workflow,
    long runNumber,
    @Nullable String branch,
    @Nullable String commitSha,
    @Nullable String event,
    @Nullable String actor,
    @Nullable String triggeringActor,
    @Nullable String title,
    BuildStatus status,
    @Nullable Conclusion conclusion,
    @Nullable Instant createdAt,
    @Nullable Instant startedAt,
    @Nullable Instant updatedAt,
    @Nullable Instant completedAt,
    @Nullable Instant headCommitAt,
    @Nullable String url,
    List<Integer> pullRequests)
    implements ProviderEvent {

  public RunUpdate {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(workflow, "workflow");
    Objects.requireNonNull(status, "status");
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be at least 1, but was " + attempt);
    }
    if (status != BuildStatus.COMPLETED) {
      conclusion = null;
      completedAt = null;
    } else if (completedAt == null) {
      completedAt = updatedAt;
    }
    triggeringActor = ProviderText.name(triggeringActor);
    pullRequests = List.copyOf(pullRequests);
  }

  @Override
  public String repository() {
    return id.repository();
  }

  public static Builder builder(BuildId id) {
    return new Builder(id);
  }

  /** Convenience builder; unset values are null, attempt 1 and status queued. */
  public static final class Builder {
    private final BuildId id;
    private int attempt = 1;
    private Workflow workflow = new Workflow(null, "", null);
    private long runNumber;
    private @Nullable String branch;
    private @Nullable String commitSha;
    private @Nullable String event;
    private @Nullable String actor;
    private @Nullable String triggeringActor;
    private @Nullable String title;
    private BuildStatus status = BuildStatus.QUEUED;
    private @Nullable Conclusion conclusion;
    private @Nullable Instant createdAt;
    private @Nullable Instant startedAt;
    private @Nullable Instant updatedAt;
    private @Nullable Instant completedAt;
    private @Nullable Instant headCommitAt;
    private @Nullable String url;
    private List<Integer> pullRequests = List.of();

    private Builder(BuildId id) {
      this.id = id;
    }

    public Builder attempt(int value) { this.attempt = value; return this; }
    public Builder workflow(Workflow value) { this.workflow = value; return this; }
    public Builder workflowName(String value) { this.workflow = new Workflow(null, value, null); return this; }
    public Builder runNumber(long value) { this.runNumber = value; return this; }
    public Builder branch(@Nullable String value) { this.branch = value; return this; }
    public Builder commitSha(@Nullable String value) { this.commitSha = value; return this; }
    public Builder event(@Nullable String value) { this.event = value; return this; }
    public Builder actor(@Nullable String value) { this.actor = value; return this; }
    public Builder triggeringActor(@Nullable String value) { this.triggeringActor = value; return this; }
    public Builder title(@Nullable String value) { this.title = value; return this; }
    public Builder status(BuildStatus value) { this.status = value; return this; }
    public Builder conclusion(@Nullable Conclusion value) { this.conclusion = value; return this; }
    public Builder createdAt(@Nullable Instant value) { this.createdAt = value; return this; }
    public Builder startedAt(@Nullable Instant value) { this.startedAt = value; return this; }
    public Builder updatedAt(@Nullable Instant value) { this.updatedAt = value; return this; }
    public Builder completedAt(@Nullable Instant value) { this.completedAt = value; return this; }
    public Builder headCommitAt(@Nullable Instant value) { this.headCommitAt = value; return this; }
    public Builder url(@Nullable String value) { this.url = value; return this; }
    public Builder pullRequests(List<Integer> value) { this.pullRequests = value; return this; }

    public RunUpdate build() {
      return new RunUpdate(id, attempt, workflow, runNumber, branch, commitSha, event, actor,
          triggeringActor, title, status, conclusion, createdAt, startedAt, updatedAt, completedAt,
          headCommitAt, url, pullRequests);
    }
  }
}
