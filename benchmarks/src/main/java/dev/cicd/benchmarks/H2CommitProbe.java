package dev.cicd.benchmarks;

import dev.cicd.core.ingest.DeliveryKey;
import dev.cicd.store.jpa.JpaBuildStore;
import dev.cicd.store.jpa.JpaStoreConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Commits webhook deliveries one by one into an H2 file database and reports commits per second, to
 * measure what {@code WRITE_DELAY=0} (the store's default) costs against H2's default write delay.
 * Run it under {@code strace -f -c -e trace=fsync,fdatasync,write,pwrite64} to count syncs and writes.
 *
 * <p>Arguments: {@code default|write-delay-0} and the number of deliveries (default 20,000).
 */
public final class H2CommitProbe {
  private H2CommitProbe() {}

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "write-delay-0";
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    Path dir = Files.createTempDirectory("h2-commit-probe");
    String url = switch (mode) {
      case "default" -> "jdbc:h2:file:" + dir.resolve("cicd");
      case "write-delay-0" -> JpaStoreConfig.h2Url(dir);
      default -> throw new IllegalArgumentException("mode must be default or write-delay-0, but was " + mode);
    };
    try (JpaBuildStore store = JpaBuildStore.create(JpaStoreConfig.builder().jdbcUrl(url).username("sa").password("")
        .maximumPoolSize(2).build())) {
      for (int i = 0; i < 500; i++) {
        store.recordDelivery(DeliveryKey.of("warmup-" + i), Instant.now());
      }
      long start = System.nanoTime();
      for (int i = 0; i < count; i++) {
        store.recordDelivery(DeliveryKey.of("delivery-" + i), Instant.now());
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("mode=%s url=%s commits=%d seconds=%.2f commits/s=%.0f per-commit=%.3f ms%n", mode, url, count,
          seconds, count / seconds, seconds * 1000 / count);
    }
  }
}
