package dev.cicd.core.source;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Health of one polled unit of a source (for GitHub: one repository).
 *
 * @param name what is polled, e.g. {@code github:octo-org/api}
 * @param state UP, DEGRADED (retrying, rate-limited, backfilling) or DOWN (needs a person: bad token)
 * @param problem what is wrong, safe to show; null when UP
 * @param lastSuccess end of the last successful poll cycle
 * @param details extra facts such as rate-limit remaining or backfill progress
 */
public record SourceHealth(
    String name,
    State state,
    @Nullable String problem,
    @Nullable Instant lastSuccess,
    Map<String, String> details) {

  public enum State { UP, DEGRADED, DOWN }

  public SourceHealth {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(state, "state");
    details = Map.copyOf(details);
  }
}
