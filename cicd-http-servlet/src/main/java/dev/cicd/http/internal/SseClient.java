package dev.cicd.http.internal;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live-update connection. Frames are queued (bounded) and written with non-blocking servlet I/O:
 * a write happens only while the container says the connection is ready, so a slow client never
 * blocks the writer thread or ingestion. A client whose queue overflows is dropped; it reconnects and
 * resumes with {@code Last-Event-ID}.
 */
public final class SseClient implements WriteListener {
  private static final Logger LOG = LoggerFactory.getLogger(SseClient.class);

  private final AsyncContext async;
  private final ServletOutputStream out;
  private final int maxQueued;
  private final Instant closeAt;
  private final Consumer<SseClient> onClose;
  private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
  private boolean listening;
  private boolean closed;

  public SseClient(AsyncContext async, ServletOutputStream out, int maxQueued, Instant closeAt,
      Consumer<SseClient> onClose) {
    this.async = async;
    this.out = out;
    this.maxQueued = maxQueued;
    this.closeAt = closeAt;
    this.onClose = onClose;
  }

  /** Starts writing: the container calls {@link #onWritePossible()} when the connection is ready. */
  public void start() {
    synchronized (this) {
      listening = true;
    }
    out.setWriteListener(this);
  }

  /**
   * Queues a frame; never blocks.
   *
   * @return false when the client was dropped because its queue is full, or is closed
   */
  public boolean offer(String frame) {
    synchronized (this) {
      if (closed) {
        return false;
      }
      if (queue.size() >= maxQueued) {
        LOG.debug("Dropping a slow live-update client with {} queued events", queue.size());
        closeLocked();
        return false;
      }
      queue.add(frame.getBytes(StandardCharsets.UTF_8));
    }
    return true;
  }

  public boolean expired(Instant now) {
    return !now.isBefore(closeAt);
  }

  public synchronized boolean isClosed() {
    return closed;
  }

  /** Writes queued frames while the connection accepts them. */
  public synchronized void pump() {
    if (closed || !listening) {
      return;
    }
    try {
      while (out.isReady()) {
        byte[] frame = queue.poll();
        if (frame == null) {
          out.flush();
          return;
        }
        out.write(frame);
      }
    } catch (IOException | IllegalStateException e) {
      LOG.debug("Live-update client went away: {}", e.toString());
      closeLocked();
    }
  }

  @Override
  public void onWritePossible() {
    pump();
  }

  @Override
  public void onError(Throwable t) {
    LOG.debug("Live-update client failed: {}", t.toString());
    close();
  }

  public synchronized void close() {
    closeLocked();
  }

  private void closeLocked() {
    if (closed) {
      return;
    }
    closed = true;
    queue.clear();
    try {
      async.complete();
    } catch (IllegalStateException e) {
      LOG.debug("Live-update stream already completed: {}", e.toString());
    }
    onClose.accept(this);
  }
}
