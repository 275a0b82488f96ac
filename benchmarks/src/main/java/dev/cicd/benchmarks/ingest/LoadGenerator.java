package dev.cicd.benchmarks.ingest;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * Posts signed GitHub deliveries with unique ids over a fixed number of connections (one sending thread
 * each, HTTP/1.1 keep-alive, through the {@link DeliverySender} that system property
 * {@value DeliverySender#PROPERTY} names). Closed loop measures the highest rate; open loop
 * sends at a fixed rate and measures latency from each request's intended start (no coordinated
 * omission). Delivery {@code n} belongs to build {@code runBase + n / perBuild}: with 4 per build, three
 * {@code workflow_job} deliveries and then the {@code workflow_run}; with 1, every delivery is its own
 * build, alternating run and job.
 */
public final class LoadGenerator implements AutoCloseable {
  private final int connections;
  private final String prefix;
  private final long runBase;
  private final int perBuild;
  private final AtomicLong next = new AtomicLong();
  private final @Nullable Queue<Long> acknowledged;
  private volatile boolean stopped;
  private final DeliverySender client;

  /**
   * @param prefix delivery ids are {@code prefix-n}; must be unique per run of the generator
   * @param trackAcknowledged keep every acknowledged delivery number (see {@link #acknowledged()})
   */
  public LoadGenerator(URI url, int connections, String prefix, long runBase, int perBuild, boolean trackAcknowledged) {
    if (perBuild != 1 && perBuild != 4) {
      throw new IllegalArgumentException("perBuild must be 1 or 4, but was " + perBuild);
    }
    this.connections = connections;
    this.prefix = prefix;
    this.runBase = runBase;
    this.perBuild = perBuild;
    this.acknowledged = trackAcknowledged ? new ConcurrentLinkedQueue<>() : null;
    this.client = DeliverySender.create(url, connections);
  }

  /** As fast as the server answers, for {@code duration}. */
  public LoadResult closedLoop(Duration duration) throws InterruptedException {
    return run(duration, 0);
  }

  /** At {@code perSecond} requests per second, for {@code duration}. */
  public LoadResult openLoop(double perSecond, Duration duration) throws InterruptedException {
    if (!(perSecond > 0)) {
      throw new IllegalArgumentException("perSecond must be positive, but was " + perSecond);
    }
    return run(duration, perSecond);
  }

  /** Ends the running loop: every connection returns after its request in flight (a killed server, say). */
  public void stop() {
    stopped = true;
  }

  /** Closes the client's connections. */
  @Override
  public void close() {
    client.close();
  }

  public List<Long> acknowledged() {
    return acknowledged == null ? List.of() : List.copyOf(acknowledged);
  }

  /** The build (run id) of delivery number {@code n}. */
  public long runId(long n) {
    return runBase + n / perBuild;
  }

  /** Delivery numbers handed out so far (sent or being sent). */
  public long issued() {
    return next.get();
  }

  private LoadResult run(Duration duration, double perSecond) throws InterruptedException {
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    long firstTicket = next.get();
    AtomicLong ticket = new AtomicLong();
    List<Worker> workers = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      Worker worker = new Worker(new Payloads(IngestServer.SECRET));
      workers.add(worker);
      Thread thread = new Thread(() -> worker.loop(start, end, perSecond, ticket, firstTicket), "load-" + i);
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    return LoadResult.of(workers.stream().map(w -> w.tally).toList(), (System.nanoTime() - start) / 1e9);
  }

  private final class Worker {
    private final Payloads payloads;
    private final LoadResult.Tally tally = new LoadResult.Tally();

    Worker(Payloads payloads) {
      this.payloads = payloads;
    }

    void loop(long start, long end, double perSecond, AtomicLong ticket, long firstTicket) {
      while (true) {
        long intended = System.nanoTime();
        if (perSecond > 0) {
          intended = start + (long) (ticket.getAndIncrement() * 1e9 / perSecond);
          long wait = intended - System.nanoTime();
          if (wait > 0) {
            LockSupport.parkNanos(wait);
          }
        }
        if (stopped || intended >= end || System.nanoTime() >= end) {
          return;
        }
        send(next.getAndIncrement(), intended);
      }
    }

    private void send(long n, long intended) {
      String id = prefix + "-" + n;
      long run = runId(n);
      boolean isRun = perBuild == 4 ? n % 4 == 3 : n % 2 == 0;
      Payloads.Delivery d = isRun ? payloads.run(id, run) : payloads.job(id, run, run * 10 + n % 4);
      try {
        DeliverySender.Answer answer = client.send(d);
        long micros = (System.nanoTime() - intended) / 1_000;
        tally.record(answer.status(), answer.stored(), micros);
        if (answer.stored() && acknowledged != null) {
          acknowledged.add(n);
        }
      } catch (IOException e) {
        tally.error();
        LockSupport.parkNanos(10_000_000L);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        tally.error();
      }
    }
  }
}
