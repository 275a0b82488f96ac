package dev.cicd.core.ingest;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link WebhookInbox} acknowledges and merges. Immutable; bad values are refused by name.
 *
 * @param maxBacklog most deliveries acknowledged and not merged yet; past it webhooks are refused (503) until the
 *     merge catches up, so memory and merge lag stay bounded
 * @param mergeBatch most deliveries merged in one transaction
 * @param maxLag the oldest unmerged delivery's age past which health reports the inbox DEGRADED
 */
public record InboxSettings(int maxBacklog, int mergeBatch, Duration maxLag) {
  public static final int DEFAULT_MAX_BACKLOG = 20_000;
  public static final int DEFAULT_MERGE_BATCH = 500;
  public static final Duration DEFAULT_MAX_LAG = Duration.ofMinutes(1);

  public InboxSettings {
    Objects.requireNonNull(maxLag, "maxLag");
    if (maxBacklog < 1) {
      throw new IllegalArgumentException("maxBacklog must be at least 1, but was " + maxBacklog);
    }
    if (mergeBatch < 1 || mergeBatch > 10_000) {
      throw new IllegalArgumentException("mergeBatch must be 1 to 10000, but was " + mergeBatch);
    }
    if (maxLag.isNegative() || maxLag.isZero()) {
      throw new IllegalArgumentException("maxLag must be positive, but was " + maxLag);
    }
  }

  public static InboxSettings defaults() {
    return new InboxSettings(DEFAULT_MAX_BACKLOG, DEFAULT_MERGE_BATCH, DEFAULT_MAX_LAG);
  }

  public InboxSettings withMaxBacklog(int value) {
    return new InboxSettings(value, mergeBatch, maxLag);
  }

  public InboxSettings withMergeBatch(int value) {
    return new InboxSettings(maxBacklog, value, maxLag);
  }

  public InboxSettings withMaxLag(Duration value) {
    return new InboxSettings(maxBacklog, mergeBatch, value);
  }
}
