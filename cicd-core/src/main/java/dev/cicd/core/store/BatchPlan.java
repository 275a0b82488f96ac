package dev.cicd.core.store;

import dev.cicd.core.ingest.DeliveryKey;
import java.util.List;

/**
 * What a {@link BuildStore#writeBatch batch write} stores once it has read.
 *
 * @param builds builds to save, each at most once, with the version that was read (0 for a new build)
 * @param deliveries distinct deliveries to record as applied
 */
public record BatchPlan(List<BuildWrite> builds, List<DeliveryKey> deliveries) {
  public BatchPlan {
    builds = List.copyOf(builds);
    deliveries = List.copyOf(deliveries);
  }
}
