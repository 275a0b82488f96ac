package dev.cicd.http.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cicd.core.alert.AlertStore;
import dev.cicd.core.alert.AlertTransition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns alert state changes into live-update events: the alert engine has no listener, so its
 * transition history is read on a small background thread and new transitions are published as
 * {@code alert} events (oldest first). The first read only remembers what exists.
 */
public final class AlertEvents {
  static final int BATCH = 100;
  static final int REMEMBERED = 2_000;
  private static final Logger LOG = LoggerFactory.getLogger(AlertEvents.class);

  private final AlertStore store;
  private final EventsHub hub;
  private final AlertJson alertJson;
  private final Json json;
  private final Duration interval;
  private final Set<String> seen = new LinkedHashSet<>();
  private boolean primed;
  private @Nullable ScheduledExecutorService thread;

  public AlertEvents(AlertStore store, EventsHub hub, Json json, Duration interval) {
    this.store = store;
    this.hub = hub;
    this.alertJson = new AlertJson(json);
    this.json = json;
    this.interval = interval;
  }

  public synchronized void start() {
    if (thread != null) {
      return;
    }
    ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "cicd-sse-alerts");
      t.setDaemon(true);
      return t;
    });
    s.scheduleWithFixedDelay(this::poll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    thread = s;
  }

  public synchronized void stop() {
    if (thread != null) {
      thread.shutdownNow();
      thread = null;
    }
  }

  /** Publishes transitions not seen before; called by the background thread, tests call it directly. */
  public synchronized void poll() {
    List<AlertTransition> latest;
    try {
      latest = store.transitions(null, BATCH);
    } catch (RuntimeException e) {
      LOG.debug("Reading alert transitions for live updates failed: {}", e.toString());
      return;
    }
    List<AlertTransition> fresh = new ArrayList<>();
    for (AlertTransition t : latest) {
      if (seen.add(key(t))) {
        fresh.add(0, t);
      }
    }
    while (seen.size() > REMEMBERED) {
      seen.remove(seen.iterator().next());
    }
    if (!primed) {
      primed = true;
      return;
    }
    for (AlertTransition t : fresh) {
      hub.publish(() -> {
        ObjectNode node = json.object();
        node.put("type", "alert");
        node.set("alert", alertJson.transition(t));
        return node;
      });
    }
  }

  private static String key(AlertTransition t) {
    return t.fingerprint() + '|' + t.episode() + '|' + t.from() + '|' + t.to() + '|' + t.at();
  }
}
