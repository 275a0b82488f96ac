package dev.cicd.core.alert.internal;

import dev.cicd.core.alert.AlertInstance;
import dev.cicd.core.alert.AlertState;
import dev.cicd.core.alert.AlertStore;
import dev.cicd.core.alert.DurationRegressionRule;
import dev.cicd.core.alert.Silence;
import dev.cicd.core.alert.SilentPipelineRule;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether an alert's notifications are suppressed at one moment: by an active silence, or by
 * inhibition (a firing system alert for the same repository, or for all, inhibits its no-data and
 * duration alerts). A snapshot: take one per dispatch batch or tick.
 */
public final class Suppressions {
  /** Rule type of system alerts. */
  public static final String SYSTEM_TYPE = "system";
  private static final Set<String> INHIBITABLE = Set.of(SilentPipelineRule.TYPE, DurationRegressionRule.TYPE);

  private final List<Silence> silences;
  private final List<AlertInstance> systemFiring;

  private Suppressions(List<Silence> silences, List<AlertInstance> systemFiring) {
    this.silences = silences;
    this.systemFiring = systemFiring;
  }

  public static Suppressions snapshot(AlertStore store, Instant now) {
    List<AlertInstance> system = store.instances(EnumSet.of(AlertState.FIRING)).stream()
        .filter(i -> SYSTEM_TYPE.equals(i.ruleType())).toList();
    return new Suppressions(store.activeSilences(now), system);
  }

  /** @return why notifications of this alert are suppressed now, or empty when they are not. */
  public Optional<String> reason(String ruleId, String ruleType, String repository, String workflow, String branch) {
    for (Silence s : silences) {
      if (s.matches(ruleId, repository, workflow, branch)) {
        return Optional.of("silenced by " + s.id() + " until " + s.endsAt() + " (" + s.author() + ": " + s.reason()
            + ")");
      }
    }
    if (INHIBITABLE.contains(ruleType)) {
      for (AlertInstance system : systemFiring) {
        if (system.repository().isEmpty() || system.repository().equals(repository)) {
          return Optional.of("inhibited by system alert " + system.ruleId());
        }
      }
    }
    return Optional.empty();
  }
}
