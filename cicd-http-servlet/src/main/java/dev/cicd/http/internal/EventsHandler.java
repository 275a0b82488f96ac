package dev.cicd.http.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /api/events} (Server-Sent Events) and {@code POST /api/events/ticket}. The stream runs
 * on the async servlet API; the request thread returns at once.
 */
public final class EventsHandler {
  static final Set<String> PARAMETERS = Set.of("ticket", "lastEventId");

  private final EventsHub hub;
  private final Tickets tickets;
  private final Json json;
  private final Clock clock;
  private final int clientBuffer;
  private final int maxClients;
  private final Duration maxStream;

  public EventsHandler(EventsHub hub, Tickets tickets, Json json, Clock clock, int clientBuffer, int maxClients,
      Duration maxStream) {
    this.hub = hub;
    this.tickets = tickets;
    this.json = json;
    this.clock = clock;
    this.clientBuffer = clientBuffer;
    this.maxClients = maxClients;
    this.maxStream = maxStream;
  }

  public void ticket(Exchange exchange) throws IOException {
    exchange.query().allowOnly(Set.of());
    Tickets.Issued issued = tickets.issue();
    ObjectNode body = json.object();
    body.put("ticket", issued.ticket());
    body.put("expiresAt", Json.time(issued.expiresAt()));
    json.write(exchange.response(), 200, body);
  }

  public void stream(Exchange exchange) throws IOException {
    HttpServletRequest request = exchange.request();
    HttpServletResponse response = exchange.response();
    Long lastEventId = lastEventId(exchange);
    if (!request.isAsyncSupported()) {
      throw new HttpProblem(501, "Not Implemented",
          "live updates need async support: register the servlet with asyncSupported=true");
    }
    if (hub.clientCount() >= maxClients) {
      throw HttpProblem.unavailable("too many live-update clients; retry later", 30);
    }
    response.setStatus(200);
    response.setContentType("text/event-stream;charset=UTF-8");
    response.setHeader("X-Accel-Buffering", "no");
    AsyncContext async = request.startAsync();
    async.setTimeout(maxStream.toMillis() + 60_000);
    SseClient client = new SseClient(async, response.getOutputStream(), clientBuffer,
        clock.instant().plus(maxStream), hub::unregister);
    async.addListener(new AsyncListener() {
      @Override
      public void onComplete(AsyncEvent event) {
        hub.unregister(client);
      }

      @Override
      public void onTimeout(AsyncEvent event) {
        client.close();
      }

      @Override
      public void onError(AsyncEvent event) {
        client.close();
      }

      @Override
      public void onStartAsync(AsyncEvent event) {
        // nothing to do: the stream is started once
      }
    });
    hub.register(client, lastEventId);
    client.start();
  }

  private static @Nullable Long lastEventId(Exchange exchange) {
    QueryParams query = exchange.query().allowOnly(PARAMETERS);
    String header = exchange.request().getHeader("Last-Event-ID");
    String text = header != null ? header : query.string("lastEventId");
    if (text == null || text.isEmpty()) {
      return null;
    }
    if (!text.matches("[0-9]{1,18}")) {
      throw HttpProblem.badRequest("Last-Event-ID must be an event id from this stream");
    }
    return Long.parseLong(text);
  }
}
