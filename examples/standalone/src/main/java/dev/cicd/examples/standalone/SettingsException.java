package dev.cicd.examples.standalone;

/** A configuration value is missing or bad; the message names the variable and says how to fix it. */
public final class SettingsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SettingsException(String message) {
    super(message);
  }
}
