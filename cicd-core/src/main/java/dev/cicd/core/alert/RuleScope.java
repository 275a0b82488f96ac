package dev.cicd.core.alert;

import dev.cicd.core.alert.internal.Glob;
import java.util.List;

/**
 * Which builds a rule watches. Each list holds globs ({@code *} matches any run of characters). An
 * empty repository or workflow list matches all; an empty branch list means the repository's default
 * branch, and {@code ["*"]} means every branch.
 */
public record RuleScope(List<String> repositories, List<String> workflows, List<String> branches) {
  private static final RuleScope DEFAULT_BRANCH = new RuleScope(List.of(), List.of(), List.of());
  private static final RuleScope ALL_BRANCHES = new RuleScope(List.of(), List.of(), List.of("*"));

  public RuleScope {
    repositories = checked("repositories", repositories);
    workflows = checked("workflows", workflows);
    branches = checked("branches", branches);
  }

  /** Every repository and workflow, default branch only. */
  public static RuleScope defaultBranch() {
    return DEFAULT_BRANCH;
  }

  /** Every repository, workflow and branch. */
  public static RuleScope allBranches() {
    return ALL_BRANCHES;
  }

  public RuleScope withRepositories(String... globs) {
    return new RuleScope(List.of(globs), workflows, branches);
  }

  public RuleScope withWorkflows(String... globs) {
    return new RuleScope(repositories, List.of(globs), branches);
  }

  public RuleScope withBranches(String... globs) {
    return new RuleScope(repositories, workflows, List.of(globs));
  }

  /**
   * @param defaultBranches resolves a repository's default branch when {@link #branches()} is empty
   */
  public boolean matches(String repository, String workflow, String branch, DefaultBranchResolver defaultBranches) {
    if (!anyMatch(repositories, repository) || !anyMatch(workflows, workflow)) {
      return false;
    }
    if (branches.isEmpty()) {
      return !branch.isEmpty() && defaultBranches.isDefault(repository, branch);
    }
    return anyMatch(branches, branch);
  }

  /** True when the scope matches repository and workflow, whatever the branch. */
  public boolean matchesWorkflow(String repository, String workflow) {
    return anyMatch(repositories, repository) && anyMatch(workflows, workflow);
  }

  private static boolean anyMatch(List<String> globs, String value) {
    return globs.isEmpty() || globs.stream().anyMatch(g -> Glob.matches(g, value));
  }

  private static List<String> checked(String name, List<String> globs) {
    if (globs == null) {
      return List.of();
    }
    for (String glob : globs) {
      if (glob == null || glob.isBlank()) {
        throw new IllegalArgumentException("scope " + name + " must not contain blank entries, but was " + globs);
      }
    }
    return List.copyOf(globs);
  }
}
