package dev.cicd.core.build;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The workflow a build ran.
 *
 * @param id provider's workflow id, when known
 * @param name display name; metrics group and filter by it
 * @param path definition file, for example {@code .github/workflows/ci.yml}
 */
public record Workflow(@Nullable Long id, String name, @Nullable String path) {
  public Workflow {
    name = ProviderText.requiredText(Objects.requireNonNull(name, "name"));
    path = ProviderText.text(path);
  }
}
