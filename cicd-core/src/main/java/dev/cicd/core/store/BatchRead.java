package dev.cicd.core.store;

import dev.cicd.core.build.Build;
import dev.cicd.core.build.BuildId;
import dev.cicd.core.ingest.DeliveryKey;
import java.util.Map;
import java.util.Set;

/**
 * What a {@link BuildStore#writeBatch batch write} read in its transaction.
 *
 * @param recorded the asked-for deliveries that are recorded already
 * @param builds the asked-for builds that are stored, whole (attempts, jobs and steps), by id
 */
public record BatchRead(Set<DeliveryKey> recorded, Map<BuildId, Build> builds) {
  public BatchRead {
    recorded = Set.copyOf(recorded);
    builds = Map.copyOf(builds);
  }
}
