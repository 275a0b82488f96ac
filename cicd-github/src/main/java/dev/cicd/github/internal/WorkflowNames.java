package dev.cicd.github.internal;

import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Workflow names of one repository from {@code GET /actions/workflows}, loaded the first time a run
 * without a name is seen and again when an unknown workflow id appears (conditional, so cheap).
 */
public final class WorkflowNames {
  private static final Logger LOG = LoggerFactory.getLogger(WorkflowNames.class);

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
      try {
        for (Fields workflow : GitHubApi.items(page.body(), "workflows")) {
          Long id = workflow.optionalLong("id");
          String name = workflow.nonEmptyText("name");
          if (id != null && name != null) {
            names.put(id, name);
          }
        }
      } catch (PayloadException e) {
        LOG.warn("Workflow list of {} unreadable; runs without a name keep their path: {}", repository, e.getMessage());
      }
      return true;
    });
  }
}
