package dev.cicd.core.alert.internal;

import dev.cicd.core.build.Build;
import java.util.Objects;

/** One (repository, workflow, branch): the unit alert state is kept for. "" stands for no branch. */
public record Series(String repository, String workflow, String branch) {
  public Series {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(workflow, "workflow");
    Objects.requireNonNull(branch, "branch");
  }

  public static Series of(Build build) {
    return new Series(build.id().repository(), build.workflow().name(), build.branch() == null ? "" : build.branch());
  }

  public boolean contains(Build build) {
    return equals(of(build));
  }
}
