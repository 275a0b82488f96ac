package dev.cicd.core.store;

import dev.cicd.core.build.Build;
import java.util.Objects;

/**
 * One build of a {@link BuildStore#writeBatch batch write}, saved as {@link BuildStore#save} would save it.
 *
 * @param build the build to store
 * @param expectedVersion the version the writer read; 0 when the build must not exist yet
 */
public record BuildWrite(Build build, long expectedVersion) {
  public BuildWrite {
    Objects.requireNonNull(build, "build");
    if (expectedVersion < 0) {
      throw new IllegalArgumentException("expectedVersion must not be negative, but was " + expectedVersion);
    }
  }
}
