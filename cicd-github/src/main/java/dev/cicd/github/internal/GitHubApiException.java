package dev.cicd.github.internal;

import dev.cicd.core.CicdException;

/**
 * A GitHub REST call failed. {@link #status()} is the HTTP status, or 0 when no response arrived.
 * The message says what failed and never contains the token.
 */
public class GitHubApiException extends CicdException {
  private static final long serialVersionUID = 1L;

  private final int status;

  public GitHubApiException(int status, String message) {
    super(message);
    this.status = status;
  }

  public GitHubApiException(int status, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  public int status() {
    return status;
  }

  /** GitHub rejected the token (401): a configuration error that retrying cannot fix. */
  public static final class Unauthorized extends GitHubApiException {
    private static final long serialVersionUID = 1L;

    public Unauthorized(String message) {
      super(401, message);
    }
  }

  /** Rate limited until {@link #until()}, longer than the client may wait inside one poll cycle. */
  public static final class RateLimited extends GitHubApiException {
    private static final long serialVersionUID = 1L;

    private final java.time.Instant until;

    public RateLimited(int status, java.time.Instant until, String message) {
      super(status, message);
      this.until = until;
    }

    public java.time.Instant until() {
      return until;
    }
  }

  /** 5xx answers or I/O errors persisted through every retry. */
  public static final class Unavailable extends GitHubApiException {
    private static final long serialVersionUID = 1L;

    public Unavailable(int status, String message, Throwable cause) {
      super(status, message, cause);
    }

    public Unavailable(int status, String message) {
      super(status, message);
    }
  }
}
