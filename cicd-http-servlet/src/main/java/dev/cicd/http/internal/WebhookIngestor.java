package dev.cicd.http.internal;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs the synchronous store step of webhook deliveries on a bounded pool with a deadline, so a slow
 * or exhausted store yields a quick 503 (GitHub waits 10 s) instead of a hung request, and a burst
 * beyond the pool's queue is refused with 503 instead of growing memory. A delivery that misses the
 * deadline may still be stored afterwards; the 503 only promises that no 2xx was given for it, and
 * the redelivery is then acknowledged as a duplicate. Work that keeps the deadline itself (the inbox's append,
 * whose writer is a thread of its own) runs on the request's thread instead ({@link #runHere}), as many at once as
 * the pool takes with its queue.
 */
public final class WebhookIngestor {
  private final ThreadPoolExecutor executor;
  private final Semaphore here;
  private final Duration timeout;

  public WebhookIngestor(int concurrency, Duration timeout) {
    this.timeout = timeout;
    this.here = new Semaphore(concurrency * 5);
    AtomicInteger threads = new AtomicInteger();
    this.executor = new ThreadPoolExecutor(concurrency, concurrency, 30, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(concurrency * 4), r -> {
          Thread t = new Thread(r, "cicd-webhook-" + threads.incrementAndGet());
          t.setDaemon(true);
          return t;
        }, new ThreadPoolExecutor.AbortPolicy());
    executor.allowCoreThreadTimeOut(true);
  }

  /**
   * Runs {@code work} and waits for it at most the timeout.
   *
   * @throws HttpProblem 503 when the pool is saturated or the deadline passes
   * @throws RuntimeException what {@code work} threw
   */
  public <T> T run(Callable<T> work) {
    Future<T> future;
    try {
      future = executor.submit(work);
    } catch (RejectedExecutionException e) {
      throw tooMany();
    }
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw HttpProblem.unavailable("the store did not answer in time; retry later", 5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw HttpProblem.unavailable("interrupted while storing the delivery", 5);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("storing the delivery failed", cause);
    }
  }

  /**
   * Runs {@code work} on this thread, handing it the timeout it must keep.
   *
   * @throws HttpProblem 503 when as many deliveries as the pool takes are being stored already
   */
  public <T> T runHere(Function<Duration, T> work) {
    if (!here.tryAcquire()) {
      throw tooMany();
    }
    try {
      return work.apply(timeout);
    } finally {
      here.release();
    }
  }

  private static HttpProblem tooMany() {
    return HttpProblem.unavailable("too many deliveries are being stored; retry later", 5);
  }

  public void close() {
    executor.shutdown();
  }
}
