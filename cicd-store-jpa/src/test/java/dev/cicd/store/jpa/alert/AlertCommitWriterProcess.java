package dev.cicd.store.jpa.alert;

import dev.cicd.core.alert.AlertInstance;
import dev.cicd.core.alert.AlertState;
import dev.cicd.core.alert.AlertTransition;
import dev.cicd.core.alert.AlertUpdate;
import dev.cicd.store.jpa.JpaBuildStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Child process of {@link H2AlertCrashTest}: commits firing alerts (each with one transition and two
 * outbox rows) into an H2 store forever, printing each rule id after its commit returned, until killed.
 */
public final class AlertCommitWriterProcess {
  static final Instant T0 = Instant.parse("2025-03-10T10:00:00Z");

  private AlertCommitWriterProcess() {}

  public static void main(String[] args) {
    JpaAlertStore store = JpaAlertStore.sharing(JpaBuildStore.h2(Path.of(args[0])));
    for (long i = 0; ; i++) {
      String ruleId = args[1] + "-" + i;
      AlertInstance inactive = AlertInstance.inactive(ruleId, "failed", "octo/api", "CI 🚀", "main", T0);
      AlertInstance firing = inactive.moveTo(AlertState.FIRING, T0, 1, T0);
      store.commit(new AlertUpdate(0, firing, List.of(AlertTransition.of(inactive, firing, T0, "failed")),
          List.of(AlertStoreBehaviour.row(firing.fingerprint() + ".a", firing),
              AlertStoreBehaviour.row(firing.fingerprint() + ".b", firing)), List.of(), T0));
      System.out.println(ruleId);
      System.out.flush();
    }
  }
}
