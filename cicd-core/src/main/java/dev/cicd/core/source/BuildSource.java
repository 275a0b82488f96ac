package dev.cicd.core.source;

import dev.cicd.core.ingest.IngestionService;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A CI provider: polled on a schedule and optionally pushing webhooks. The scheduler calls
 * {@link #poll} from one thread at a time; everything else may be called from any thread.
 */
public interface BuildSource extends AutoCloseable {
  /** Provider key, e.g. {@code github}. */
  String provider();

  /** How long to wait between the end of one poll cycle and the start of the next. */
  Duration pollInterval();

  /**
   * Runs one poll cycle (a backfill first, when due) and ingests what it finds. Failures of one
   * polled unit do not stop the others; they show in {@link #health()}. Never throws for provider
   * errors; returns early when the thread is interrupted.
   */
  void poll(IngestionService ingestion);

  /** Health of each polled unit. */
  List<SourceHealth> health();

  /** The webhook receiver for this provider, when webhooks are configured. */
  default Optional<WebhookReceiver> webhookReceiver() {
    return Optional.empty();
  }

  @Override
  default void close() {}
}
