package dev.cicd.examples.standalone.e2e;

import dev.cicd.examples.standalone.e2e.Deliveries.Delivery;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Several clients posting distinct deliveries as fast as the app takes them: even numbers are runs,
 * odd numbers jobs. A delivery counts as acknowledged only when the app answered 200 "stored".
 */
final class DeliveryStorm {
  private final Deliveries deliveries;
  private final int port;
  private final long base;
  private final AtomicLong next = new AtomicLong();
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();
  private final List<Delivery> acknowledged = Collections.synchronizedList(new ArrayList<>());
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running = true;

  DeliveryStorm(Deliveries deliveries, int port, long base) {
    this.deliveries = deliveries;
    this.port = port;
    this.base = base;
  }

  void start(int clients) {
    for (int i = 0; i < clients; i++) {
      Thread thread = new Thread(this::post, "storm-" + i);
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
  }

  private void post() {
    while (running) {
      long n = next.getAndIncrement();
      long runId = base + n / 2;
      Delivery delivery = n % 2 == 0 ? Deliveries.run(runId) : Deliveries.job(runId, base * 10 + n);
      try {
        HttpResponse<String> response = deliveries.post(port, delivery);
        if (response.statusCode() == 200 && Deliveries.status(response).equals("stored")) {
          acknowledged.add(delivery);
        } else {
          refused.incrementAndGet();
        }
      } catch (IOException e) {
        failed.incrementAndGet();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  int acknowledgedCount() {
    return acknowledged.size();
  }

  /** Stops posting and returns the acknowledged deliveries. */
  List<Delivery> stop() throws InterruptedException {
    running = false;
    for (Thread thread : threads) {
      thread.join(30_000);
    }
    synchronized (acknowledged) {
      return List.copyOf(acknowledged);
    }
  }

  /** Deliveries that got no answer (in flight when the app died, or refused connections after). */
  int failed() {
    return failed.get();
  }

  /** Deliveries answered with something else than 200 "stored" (e.g. 503 while the pool was full). */
  int refused() {
    return refused.get();
  }
}
