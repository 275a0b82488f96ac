package dev.cicd.core.ingest;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link WebhookInbox} holds and has done since it started.
 *
 * @param backlog deliveries acknowledged and not merged yet
 * @param oldest when the oldest of them was acknowledged; null when none waits
 * @param merged deliveries merged (duplicates included)
 * @param failed deliveries whose merge failed while the store answered; they stay in the store's inbox and are
 *     tried again at the next start
 */
public record InboxStatus(long backlog, @Nullable Instant oldest, long merged, long failed) {}
