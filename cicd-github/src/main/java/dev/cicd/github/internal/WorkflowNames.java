package dev.cicd.github.internal;

import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Workflow names of one repository from {@code GET /actions/workflows}, loaded the first time a run
 * without a name is seen and again when an unknown workflow id appears (conditional, so cheap).
 */
public final class WorkflowNames {
  private final GitHubApi api;
  private final String repository;
  private final int maxPages;
  private final Map<Long, String> names = new HashMap<>();

  public WorkflowNames(GitHubApi api, String repository, int maxPages) {
    this.api = api;
    this.repository = repository;
    this.maxPages = maxPages;
  }

  public synchronized @Nullable String name(long workflowId) {
    if (!names.containsKey(workflowId)) {
      load();
    }
    return names.get(workflowId);
  }

  private void load() {
    Pager.walk(api.http(), api.workflows(repository), maxPages, page -> {
      if (page.body() == null) {
        return !page.notModified();
      }
      for (Fields workflow : GitHubApi.items(page.body(), "workflows")) {
        Long id = workflow.optionalLong("id");
        String name = workflow.nonEmptyText("name");
        if (id != null && name != null) {
          names.put(id, name);
        }
      }
      return true;
    });
  }
}
