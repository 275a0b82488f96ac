package dev.cicd.github.internal;

import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.build.Conclusion;
import dev.cicd.core.build.DeploymentState;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GitHub status and conclusion strings. An unknown status makes the object unusable
 * ({@link UnknownValueException}); an unknown conclusion maps to {@link Conclusion#NEUTRAL}, so a
 * completed run always has a conclusion, and is logged at DEBUG.
 */
final class Statuses {
  private static final Logger LOG = LoggerFactory.getLogger(Statuses.class);

  private Statuses() {}

  static BuildStatus status(Fields object, String name) {
    String text = object.requiredText(name);
    return BuildStatus.fromWireName(text).orElseThrow(() -> new UnknownValueException(
        "unknown " + object.child(name) + " '" + Texts.safe(text, 40) + "'"));
  }

  static @Nullable Conclusion conclusion(Fields object, String name) {
    String text = object.nonEmptyText(name);
    if (text == null) {
      return null;
    }
    return Conclusion.fromWireName(text).orElseGet(() -> {
      LOG.debug("Unknown {}.{} '{}' mapped to neutral", object.path(), name, Texts.safe(text, 40));
      return Conclusion.NEUTRAL;
    });
  }

  static DeploymentState deploymentState(Fields object, String name) {
    String text = object.requiredText(name);
    return DeploymentState.fromWireName(text).orElseThrow(() -> new UnknownValueException(
        "unknown " + object.child(name) + " '" + Texts.safe(text, 40) + "'"));
  }
}
