package dev.cicd.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cicd.core.ingest.BuildChange;
import dev.cicd.core.ingest.IngestListener;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans changes out to live-update clients. Ingestion threads only put the change on a bounded queue;
 * one writer thread numbers events, keeps the most recent ones for {@code Last-Event-ID} resume,
 * queues them to every client and sends heartbeats. Client writes are non-blocking ({@link SseClient}).
 */
public final class EventsHub implements IngestListener {
  private static final Logger LOG = LoggerFactory.getLogger(EventsHub.class);
  static final int PENDING_LIMIT = 10_000;

  private final Json json;
  private final BuildJson buildJson;
  private final Clock clock;
  private final Duration heartbeat;
  private final int replayLimit;
  private final BlockingQueue<Supplier<JsonNode>> pending = new ArrayBlockingQueue<>(PENDING_LIMIT);
  private final ArrayDeque<SseEvent> ring = new ArrayDeque<>();
  private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private @Nullable Thread writer;

  /**
   * One numbered event, rendered when first sent: while nobody listens, kept events are never serialised
   * unless a reconnecting client asks for them. Used on the writer thread and under the hub's lock.
   */
  private final class SseEvent {
    final long id;
    private @Nullable Supplier<JsonNode> payload;
    private @Nullable String frame;

    SseEvent(long id, Supplier<JsonNode> payload) {
      this.id = id;
      this.payload = payload;
    }

    synchronized String frame() {
      if (frame == null) {
        JsonNode node = java.util.Objects.requireNonNull(payload).get();
        frame = "id: " + id + "\nevent: " + node.path("type").asText("message") + "\ndata: " + json.text(node)
            + "\n\n";
        payload = null;
      }
      return frame;
    }
  }

  public EventsHub(Json json, BuildJson buildJson, Clock clock, Duration heartbeat, int replayLimit) {
    this.json = json;
    this.buildJson = buildJson;
    this.clock = clock;
    this.heartbeat = heartbeat;
    this.replayLimit = replayLimit;
  }

  public synchronized void start() {
    if (writer != null) {
      return;
    }
    Thread thread = new Thread(this::run, "cicd-sse-writer");
    thread.setDaemon(true);
    writer = thread;
    thread.start();
  }

  public void stop() {
    Thread thread;
    synchronized (this) {
      thread = writer;
      writer = null;
    }
    if (thread != null) {
      thread.interrupt();
    }
    clients.forEach(SseClient::close);
  }

  @Override
  public void onBuildChanged(BuildChange change) {
    dev.cicd.core.build.Build after = change.after();
    publish(() -> {
      ObjectNode node = json.object();
      node.put("type", "build");
      node.set("build", buildJson.summary(after));
      return node;
    });
  }

  /** Queues an event built lazily on the writer thread; never blocks. Payload needs a "type" field. */
  public void publish(Supplier<JsonNode> payload) {
    if (!pending.offer(payload)) {
      dropped.incrementAndGet();
      LOG.warn("Live-update queue full; an event was not sent (clients resync on reconnect)");
    }
  }

  /**
   * Registers a client, first queueing the events after {@code lastEventId} (or a {@code resync}
   * event when they are no longer kept).
   */
  public synchronized void register(SseClient client, @Nullable Long lastEventId) {
    client.offer("retry: 5000\n: connected\n\n");
    if (lastEventId != null) {
      SseEvent oldest = ring.peekFirst();
      long oldestKept = oldest == null ? sequence.get() + 1 : oldest.id;
      if (lastEventId + 1 < oldestKept || lastEventId > sequence.get()) {
        client.offer("event: resync\ndata: {\"type\":\"resync\"}\n\n");
      } else {
        ring.stream().filter(e -> e.id > lastEventId).forEach(e -> client.offer(e.frame()));
      }
    }
    clients.add(client);
  }

  public void unregister(SseClient client) {
    clients.remove(client);
  }

  public int clientCount() {
    return clients.size();
  }

  public long droppedEvents() {
    return dropped.get();
  }

  private void run() {
    long nextHeartbeat = System.nanoTime() + heartbeat.toNanos();
    while (!Thread.currentThread().isInterrupted()) {
      try {
        Supplier<JsonNode> next = pending.poll(Math.max(1, nextHeartbeat - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (next != null) {
          java.util.List<Supplier<JsonNode>> batch = new java.util.ArrayList<>();
          batch.add(next);
          pending.drainTo(batch, 255);
          batch.forEach(this::dispatch);
        }
        if (System.nanoTime() - nextHeartbeat >= 0) {
          nextHeartbeat = System.nanoTime() + heartbeat.toNanos();
          for (SseClient client : clients) {
            if (client.expired(clock.instant())) {
              client.close();
            } else {
              client.offer(": heartbeat\n\n");
            }
          }
        }
        clients.forEach(SseClient::pump);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        LOG.warn("Live-update writer failed on an event; continuing", e);
      }
    }
  }

  private synchronized void dispatch(Supplier<JsonNode> next) {
    SseEvent event = new SseEvent(sequence.incrementAndGet(), next);
    if (replayLimit > 0) {
      ring.addLast(event);
      while (ring.size() > replayLimit) {
        ring.removeFirst();
      }
    }
    if (clients.isEmpty()) {
      return;
    }
    String frame = event.frame();
    for (SseClient client : clients) {
      if (client.offer(frame)) {
        client.pump();
      }
    }
  }
}
