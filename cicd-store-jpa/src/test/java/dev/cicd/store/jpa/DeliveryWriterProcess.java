package dev.cicd.store.jpa;

import dev.cicd.core.ingest.DeliveryKey;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Child process of {@link H2CrashDurabilityTest}: records deliveries into an H2 store forever and prints
 * each delivery id after its commit returned, until it is killed.
 */
public final class DeliveryWriterProcess {
  private DeliveryWriterProcess() {}

  public static void main(String[] args) {
    JpaBuildStore store = JpaBuildStore.h2(Path.of(args[0]));
    System.out.println("ready");
    System.out.flush();
    for (long i = 0; ; i++) {
      String id = args[1] + "-" + i;
      store.recordDelivery(DeliveryKey.of(id), Instant.now());
      System.out.println(id);
      System.out.flush();
    }
  }
}
