package dev.cicd.examples.standalone;

/** The app could not start (database unreachable, port taken ...); the message says what to change. */
public final class StartupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StartupException(String message, Throwable cause) {
    super(message, cause);
  }
}
