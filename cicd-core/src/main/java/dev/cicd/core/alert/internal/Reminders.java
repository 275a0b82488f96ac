package dev.cicd.core.alert.internal;

import dev.cicd.core.alert.AlertConfig;
import dev.cicd.core.alert.AlertInstance;
import dev.cicd.core.alert.AlertState;
import dev.cicd.core.alert.NotificationKind;
import dev.cicd.core.alert.OutboxStatus;
import dev.cicd.core.alert.Receiver;
import dev.cicd.core.build.Build;
import dev.cicd.core.build.BuildId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Per firing alert, on each tick: notifies receivers whose last notice was suppressed once nothing
 * suppresses it any more (silence over), else sends a "still firing" reminder when the repeat
 * interval has passed since the last notice.
 */
final class Reminders {
  private final EngineContext ctx;
  private final InstanceUpdater updater;

  Reminders(EngineContext ctx, InstanceUpdater updater) {
    this.ctx = ctx;
    this.updater = updater;
  }

  void remind(AlertInstance firing, List<Receiver> receivers, AlertConfig config, Suppressions suppressions,
      Instant now) {
    if (receivers.isEmpty() || firing.lastNoticeRef() == null) {
      return;
    }
    boolean suppressed = suppressions.reason(firing.ruleId(), firing.ruleType(), firing.repository(),
        firing.workflow(), firing.branch()).isPresent();
    if (suppressed) {
      return;
    }
    String lastRef = firing.lastNoticeRef();
    List<Receiver> missed = receivers.stream().filter(r -> ctx.store()
        .findOutbox(NoticePlanner.key(firing.fingerprint(), lastRef, r.id()))
        .map(row -> row.status() == OutboxStatus.SUPPRESSED).orElse(false)).toList();
    if (!missed.isEmpty()) {
      notice(firing, NotificationKind.FIRING, missed, config, now);
      return;
    }
    Instant last = firing.lastNotifiedAt();
    if (!config.repeatInterval().isZero() && last != null && !now.isBefore(last.plus(config.repeatInterval()))) {
      notice(firing, NotificationKind.REPEAT, receivers, config, now);
    }
  }

  private void notice(AlertInstance seen, NotificationKind kind, List<Receiver> receivers, AlertConfig config,
      Instant now) {
    Build subject = subject(seen).orElse(null);
    Series series = new Series(seen.repository(), seen.workflow(), seen.branch());
    updater.apply(seen.ruleId(), seen.ruleType(), series, current -> {
      boolean unchanged = current.state() == AlertState.FIRING && current.version() == seen.version()
          && Objects.equals(current.lastNoticeRef(), seen.lastNoticeRef());
      return unchanged ? Optional.of(new Step(current, null, kind, null, subject)) : Optional.empty();
    }, receivers, config, now);
  }

  private Optional<Build> subject(AlertInstance instance) {
    if (instance.buildId() == null) {
      return Optional.empty();
    }
    try {
      return ctx.builds().find(BuildId.parse(instance.buildId()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
