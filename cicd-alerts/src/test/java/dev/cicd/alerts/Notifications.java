package dev.cicd.alerts;

import dev.cicd.core.alert.AlertInstance;
import dev.cicd.core.alert.AlertUpdate;
import dev.cicd.core.alert.AlertStore;
import dev.cicd.core.alert.AlertState;
import dev.cicd.core.alert.Notification;
import dev.cicd.core.alert.NotificationItem;
import dev.cicd.core.alert.NotificationKind;
import dev.cicd.core.alert.OutboxEntry;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Test notifications shaped like the engine's, with untrusted provider text where asked. */
public final class Notifications {
  public static final Instant T0 = Instant.parse("2025-03-10T10:00:00Z");
  public static final String FP = AlertInstance.fingerprint("default-branch-failed", "octo/api", "CI", "main");

  private Notifications() {}

  public static NotificationItem item(NotificationKind kind, String workflow, String branch, String title,
      @Nullable String url) {
    return new NotificationItem(kind, FP, 1, "default-branch-failed", "failed", "octo/api", workflow, branch,
        "build #42 failed", T0, "github:octo:api:42", 42L, "0123456789abcdef", title, "octocat", 245_000L, url);
  }

  public static String key(NotificationKind kind, int seq, String receiver) {
    return FP + ".1." + kind.wireName() + "." + seq + "." + receiver;
  }

  /** The n-th notice of one alert thread: firing (0), repeat (1), resolved (2)... */
  public static Notification notice(NotificationKind kind, int seq, String receiver, @Nullable NotificationItem item) {
    NotificationItem it = item != null ? item : item(kind, "CI", "main", "Fix flaky test", "https://github.com/octo/api/actions/runs/42");
    String k = key(kind, seq, receiver);
    String root = seq == 0 ? null : key(NotificationKind.FIRING, 0, receiver);
    String prev = seq == 0 ? null : seq == 1 ? root : key(NotificationKind.REPEAT, 1, receiver);
    return new Notification(k, List.of(k), receiver, receiver, kind, List.of(it), root, prev, T0);
  }

  /** Puts one pending row into the outbox through a commit, as the engine would. */
  public static void enqueue(AlertStore store, String channel, Instant due) {
    AlertInstance firing = AlertInstance.inactive("default-branch-failed", "failed", "octo/api", "CI", "main", T0)
        .moveTo(AlertState.FIRING, T0, 1, T0);
    OutboxEntry row = OutboxEntry.pending(key(NotificationKind.FIRING, 0, channel), channel, channel,
        item(NotificationKind.FIRING, "CI", "main", "Fix flaky test", "https://github.com/octo/api/actions/runs/42"),
        null, null, null, null, T0, due);
    store.commit(new AlertUpdate(0, firing, List.of(), List.of(row), List.of(), T0));
  }
}
