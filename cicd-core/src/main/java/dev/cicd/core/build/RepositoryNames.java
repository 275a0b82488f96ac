package dev.cicd.core.build;

/** Validation of {@code owner/name} repository names. */
public final class RepositoryNames {
  /** Longest accepted repository full name. GitHub allows 39 + 1 + 100 characters. */
  public static final int MAX_LENGTH = 200;

  private RepositoryNames() {}

  /** Returns the name when it is {@code owner/name} of non-empty parts without {@code :}; throws otherwise. */
  public static String requireValid(String repository) {
    if (!isValid(repository)) {
      throw new IllegalArgumentException(
          "repository must be 'owner/name' (at most " + MAX_LENGTH + " characters, no ':' or whitespace), but was '"
              + repository + "'");
    }
    return repository;
  }

  public static boolean isValid(String repository) {
    if (repository == null || repository.isEmpty() || repository.length() > MAX_LENGTH) {
      return false;
    }
    int slash = repository.indexOf('/');
    if (slash <= 0 || slash == repository.length() - 1 || repository.indexOf('/', slash + 1) >= 0) {
      return false;
    }
    for (int i = 0; i < repository.length(); i++) {
      char c = repository.charAt(i);
      if (c == ':' || Character.isWhitespace(c) || Character.isISOControl(c)) {
        return false;
      }
    }
    return true;
  }
}
