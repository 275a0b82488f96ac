package dev.cicd.examples.standalone;

import java.util.Map;
import java.util.function.Supplier;

/**
 * Turns a library builder's {@link IllegalArgumentException} ("pollInterval must be ...") into a
 * {@link SettingsException} that names the environment variable the user set.
 */
final class ConfigErrors {
  private ConfigErrors() {}

  /**
   * Runs {@code build}; a rejected value is reported under the variable whose option name starts the
   * message, else under {@code fallbackVariable}.
   */
  static <T> T naming(String fallbackVariable, Map<String, String> optionToVariable, Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      String message = e.getMessage() == null ? "invalid value" : e.getMessage();
      String variable = optionToVariable.entrySet().stream()
          .filter(entry -> message.startsWith(entry.getKey()))
          .map(Map.Entry::getValue)
          .findFirst()
          .orElse(fallbackVariable);
      throw new SettingsException(variable + ": " + message);
    }
  }
}
