package dev.cicd.core.alert;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Tells a repository's default branch, which rules without a branch list watch. When a repository's
 * default branch is unknown, {@code main} and {@code master} count as default.
 */
@FunctionalInterface
public interface DefaultBranchResolver {
  /** Branches that count as default when the repository's default branch is unknown. */
  Set<String> FALLBACK = Set.of("main", "master");

  /** @return the repository's default branch, or empty if unknown. */
  Optional<String> defaultBranch(String repository);

  default boolean isDefault(String repository, String branch) {
    return defaultBranch(repository).map(branch::equals).orElseGet(() -> FALLBACK.contains(branch));
  }

  /** Knows no repository: {@code main} and {@code master} are default everywhere. */
  static DefaultBranchResolver fallback() {
    return repository -> Optional.empty();
  }

  /** Default branches from a map of repository to branch; others fall back to main/master. */
  static DefaultBranchResolver of(Map<String, String> defaultBranches) {
    Map<String, String> copy = Map.copyOf(defaultBranches);
    return repository -> Optional.ofNullable(copy.get(repository));
  }
}
