package dev.cicd.core;

/** Root of every exception this library throws. Unchecked; subclasses name the situation. */
public abstract class CicdException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  protected CicdException(String message) {
    super(message);
  }

  protected CicdException(String message, Throwable cause) {
    super(message, cause);
  }
}
