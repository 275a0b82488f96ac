package dev.cicd.core.alert;

import dev.cicd.core.CicdException;
import java.util.List;

/** An alert configuration was rejected; {@link #problems()} names every bad value. */
public class InvalidAlertConfigException extends CicdException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public InvalidAlertConfigException(List<String> problems) {
    super("invalid alert configuration: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
