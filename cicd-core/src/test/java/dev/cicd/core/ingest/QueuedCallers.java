package dev.cicd.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cicd.core.store.BuildStoreException;
import java.util.ArrayList;
import java.util.List;

/** Callers of a group-commit lane, each on a thread of its own, for the lane tests. */
final class QueuedCallers {
  private QueuedCallers() {}

  /**
   * Starts one thread per call and returns once every one of them waits in a timed wait: a caller queued on a lane
   * waits so, and before queueing it never waits.
   */
  static List<Thread> start(List<Runnable> calls) throws InterruptedException {
    List<Thread> threads = new ArrayList<>();
    for (Runnable call : calls) {
      Thread thread = new Thread(call);
      threads.add(thread);
      thread.start();
    }
    while (!threads.stream().allMatch(t -> t.getState() == Thread.State.TIMED_WAITING)) {
      Thread.sleep(1);
    }
    return threads;
  }

  /**
   * What the callers of one batch whose write threw an {@link Error} met: the caller that wrote it the Error itself,
   * every other one a store failure caused by it; a null (a caller still waiting) fails.
   */
  static void assertEveryCallerMetTheError(List<Throwable> failures, String message) {
    assertThat(failures).allSatisfy(f -> assertThat(f).as("a caller still waiting, or one that succeeded")
        .isNotNull().hasMessageContaining(message));
    assertThat(failures).filteredOn(f -> f instanceof Error).hasSize(1);
    assertThat(failures).filteredOn(f -> f instanceof BuildStoreException)
        .hasSize(failures.size() - 1)
        .allSatisfy(f -> assertThat(f).hasCauseInstanceOf(Error.class));
  }
}
