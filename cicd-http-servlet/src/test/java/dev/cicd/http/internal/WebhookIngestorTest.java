package dev.cicd.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The webhook store step's bounds: work on the request's thread gets the deadline, and only so many at once. */
class WebhookIngestorTest {
  private final WebhookIngestor ingestor = new WebhookIngestor(1, Duration.ofMillis(1_500));
  private final CountDownLatch release = new CountDownLatch(1);
  private final List<Thread> holders = new ArrayList<>();

  @AfterEach
  void stop() throws InterruptedException {
    release.countDown();
    for (Thread holder : holders) {
      holder.join(10_000);
    }
    ingestor.close();
  }

  @Test
  @DisplayName("work run on the request's thread is handed the webhook deadline to keep")
  void workHereGetsTheDeadline() {
    assertThat(ingestor.<Duration>runHere(timeout -> timeout)).isEqualTo(Duration.ofMillis(1_500));
  }

  @Test
  @DisplayName("beyond what the pool and its queue take (five per thread), work on the request's thread is a 503")
  void tooManyAtOnceIsRefused() throws Exception {
    CountDownLatch running = new CountDownLatch(5);
    for (int i = 0; i < 5; i++) {
      Thread holder = new Thread(() -> ingestor.runHere(timeout -> {
        running.countDown();
        return await(release);
      }));
      holders.add(holder);
      holder.start();
    }
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

    assertThatThrownBy(() -> ingestor.runHere(timeout -> "sixth")).isInstanceOfSatisfying(HttpProblem.class, p -> {
      assertThat(p.status()).isEqualTo(503);
      assertThat(p.detail()).isEqualTo("too many deliveries are being stored; retry later");
    });
    release.countDown();
    for (Thread holder : holders) {
      holder.join(10_000);
    }
    assertThat(ingestor.<String>runHere(timeout -> "after")).isEqualTo("after");
  }

  private static boolean await(CountDownLatch latch) {
    try {
      return latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
