package dev.cicd.github.internal;

import dev.cicd.core.build.BuildId;
import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.build.RepositoryNames;
import dev.cicd.core.build.Workflow;
import dev.cicd.core.ingest.RunUpdate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Maps a GitHub workflow run object (webhook {@code workflow_run} or REST run) to a
 * {@link RunUpdate}. Status comes from the run's {@code status}, never from the webhook action.
 */
public final class RunMapper {
  private RunMapper() {}

  /**
   * @param run the run object
   * @param workflow the webhook's top-level {@code workflow} object, when present
   * @param repository the repository full name the run belongs to
   * @throws PayloadException for missing or mistyped fields
   * @throws UnknownValueException for a status this library does not know
   */
  public static RunUpdate map(Fields run, @Nullable Fields workflow, String repository) {
    BuildId id = BuildId.github(requireRepository(repository, run.path()), run.requiredId("id"));
    BuildStatus status = Statuses.status(run, "status");
    Instant updatedAt = run.instant("updated_at");
    Fields headCommit = run.object("head_commit");
    return RunUpdate.builder(id)
        .attempt(run.intOr("run_attempt", 1, 1))
        .workflow(workflow(run, workflow))
        .runNumber(run.longOr("run_number", 0))
        .branch(run.text("head_branch"))
        .commitSha(run.nonEmptyText("head_sha"))
        .event(run.nonEmptyText("event"))
        .actor(run.login("actor"))
        .triggeringActor(run.login("triggering_actor"))
        .title(run.text("display_title"))
        .status(status)
        .conclusion(status == BuildStatus.COMPLETED ? Statuses.conclusion(run, "conclusion") : null)
        .createdAt(run.instant("created_at"))
        .startedAt(run.instant("run_started_at"))
        .updatedAt(updatedAt)
        .completedAt(status == BuildStatus.COMPLETED ? updatedAt : null)
        .headCommitAt(headCommit == null ? null : headCommit.instant("timestamp"))
        .url(run.nonEmptyText("html_url"))
        .pullRequests(pullRequests(run))
        .build();
  }

  /** The repository full name of a REST run object, or {@code fallback} when it has none. */
  public static String repositoryOf(Fields run, String fallback) {
    Fields repository = run.object("repository");
    String name = repository == null ? null : repository.nonEmptyText("full_name");
    return name == null ? fallback : name;
  }

  static String requireRepository(String repository, String path) {
    if (!RepositoryNames.isValid(repository)) {
      throw new PayloadException("invalid payload: repository full_name of " + path + " must be 'owner/name', but was '"
          + Texts.safe(repository, 100) + "'");
    }
    return repository;
  }

  private static Workflow workflow(Fields run, @Nullable Fields workflow) {
    Long id = run.optionalLong("workflow_id");
    String path = stripRef(run.nonEmptyText("path"));
    String name = run.nonEmptyText("name");
    if (workflow != null) {
      id = id != null ? id : workflow.optionalLong("id");
      path = path != null ? path : stripRef(workflow.nonEmptyText("path"));
      name = name != null ? name : workflow.nonEmptyText("name");
    }
    if (name == null) {
      name = path != null ? path : "";
    }
    return new Workflow(id, name, path);
  }

  /** {@code .github/workflows/build.yml@main} → {@code .github/workflows/build.yml}. */
  static @Nullable String stripRef(@Nullable String path) {
    if (path == null) {
      return null;
    }
    int at = path.indexOf('@');
    return at >= 0 ? path.substring(0, at) : path;
  }

  private static List<Integer> pullRequests(Fields run) {
    List<Integer> numbers = new ArrayList<>();
    for (Fields pr : run.objects("pull_requests")) {
      int number = pr.intOr("number", 0, 0);
      if (number > 0 && !numbers.contains(number)) {
        numbers.add(number);
      }
    }
    return numbers;
  }
}
