package dev.cicd.core.build;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Identity of a build: one workflow run of one repository at one provider.
 *
 * <p>The {@link #asString() string form} {@code provider:owner:name:runId} is URL-path safe (GitHub
 * owner and repository names cannot contain {@code :} or {@code /}) and is what the REST API uses.
 *
 * @param provider provider key, for example {@code github}
 * @param repository full repository name {@code owner/name}
 * @param runId provider's run id
 */
public record BuildId(String provider, String repository, long runId) {
  private static final Pattern PROVIDER = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

  public BuildId {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(repository, "repository");
    if (!PROVIDER.matcher(provider).matches()) {
      throw new IllegalArgumentException("provider must match " + PROVIDER + ", but was '" + provider + "'");
    }
    RepositoryNames.requireValid(repository);
  }

  public static BuildId github(String repository, long runId) {
    return new BuildId("github", repository, runId);
  }

  /** {@code provider:owner:name:runId}. */
  public String asString() {
    return provider + ':' + repository.replace('/', ':') + ':' + runId;
  }

  /**
   * Parses {@link #asString()}.
   *
   * @throws IllegalArgumentException naming the problem when the text is not a build id
   */
  public static BuildId parse(String text) {
    String[] parts = text == null ? new String[0] : text.split(":", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException("build id must look like provider:owner:name:runId, but was '" + text + "'");
    }
    long runId;
    try {
      runId = Long.parseLong(parts[3]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("build id must end with a numeric run id, but was '" + text + "'");
    }
    return new BuildId(parts[0], parts[1] + '/' + parts[2], runId);
  }

  @Override
  public String toString() {
    return asString();
  }
}
