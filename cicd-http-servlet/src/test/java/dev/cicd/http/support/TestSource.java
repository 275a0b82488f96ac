package dev.cicd.http.support;

import dev.cicd.core.ingest.IngestionService;
import dev.cicd.core.source.BuildSource;
import dev.cicd.core.source.SourceHealth;
import dev.cicd.core.source.WebhookReceiver;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** A source that only receives webhooks (no polling), with fixed health facts for /health and /metrics. */
public final class TestSource implements BuildSource {
  private final @Nullable WebhookReceiver receiver;
  private volatile List<SourceHealth> health = List.of();

  public TestSource(@Nullable WebhookReceiver receiver) {
    this.receiver = receiver;
  }

  public void health(List<SourceHealth> value) {
    this.health = List.copyOf(value);
  }

  @Override
  public String provider() {
    return "github";
  }

  @Override
  public Duration pollInterval() {
    return Duration.ofHours(1);
  }

  @Override
  public void poll(IngestionService ingestion) {
    // webhooks only
  }

  @Override
  public List<SourceHealth> health() {
    return health;
  }

  @Override
  public Optional<WebhookReceiver> webhookReceiver() {
    return Optional.ofNullable(receiver);
  }
}
