package dev.cicd.http.support;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** Reads a Server-Sent Events stream on a background thread and hands out parsed events and comments. */
public final class SseReader implements AutoCloseable {
  /** One event, or a comment line (type {@code :comment}). */
  public record Event(@Nullable String id, String type, String data) {}

  private final HttpResponse<Stream<String>> response;
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final Thread thread;

  private SseReader(HttpResponse<Stream<String>> response) {
    this.response = response;
    this.thread = new Thread(this::read, "sse-reader");
    thread.setDaemon(true);
    thread.start();
  }

  public static SseReader open(HttpClient client, HttpRequest request) throws Exception {
    return new SseReader(client.send(request, HttpResponse.BodyHandlers.ofLines()));
  }

  public HttpResponse<Stream<String>> response() {
    return response;
  }

  private void read() {
    String id = null;
    String type = "message";
    StringBuilder data = new StringBuilder();
    try (Stream<String> lines = response.body()) {
      for (String line : (Iterable<String>) lines::iterator) {
        if (line.isEmpty()) {
          if (data.length() > 0 || !type.equals("message")) {
            events.add(new Event(id, type, data.toString()));
          }
          id = null;
          type = "message";
          data.setLength(0);
        } else if (line.startsWith(":")) {
          events.add(new Event(null, ":comment", line.substring(1).trim()));
        } else if (line.startsWith("id: ")) {
          id = line.substring(4);
        } else if (line.startsWith("event: ")) {
          type = line.substring(7);
        } else if (line.startsWith("data: ")) {
          data.append(line.substring(6));
        }
      }
    } catch (RuntimeException e) {
      events.add(new Event(null, ":closed", String.valueOf(e.getMessage())));
      return;
    }
    events.add(new Event(null, ":closed", "end of stream"));
  }

  /** The next event of this type (skipping others), or null after the timeout. */
  public @Nullable Event next(String type, long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (true) {
      long left = deadline - System.nanoTime();
      Event event = events.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
      if (event == null || event.type().equals(type)) {
        return event;
      }
    }
  }

  @Override
  public void close() {
    response.body().close();
    thread.interrupt();
  }
}
