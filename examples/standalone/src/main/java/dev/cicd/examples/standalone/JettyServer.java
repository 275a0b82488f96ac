package dev.cicd.examples.standalone;

import jakarta.servlet.http.HttpServlet;
import java.net.BindException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.gzip.GzipHandler;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.component.Graceful;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embedded Jetty 12 serving the dashboard servlet at {@code /} (async on, for live updates). Stopping is
 * graceful: the connector stops accepting, requests in flight (webhooks being stored) finish within
 * {@link #STOP_TIMEOUT}; live-update streams, which never finish on their own, are ended at once.
 */
final class JettyServer {
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
  /** Closes connections that send nothing for this long (slow-loris). */
  static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
  static final Duration SHUTDOWN_IDLE_TIMEOUT = Duration.ofSeconds(1);
  private static final String LIVE_UPDATES = "/api/events";
  private static final Logger LOG = LoggerFactory.getLogger(JettyServer.class);

  private final Server server;
  private final ServerConnector connector;
  private final Duration stopTimeout;

  private JettyServer(Server server, ServerConnector connector, Duration stopTimeout) {
    this.server = server;
    this.connector = connector;
    this.stopTimeout = stopTimeout;
  }

  /** Starts Jetty on {@code port} of every interface (0: any free port). */
  static JettyServer start(int port, HttpServlet dashboard) {
    return start(port, dashboard, STOP_TIMEOUT);
  }

  static JettyServer start(int port, HttpServlet dashboard, Duration stopTimeout) {
    QueuedThreadPool threads = new QueuedThreadPool(200, 8);
    threads.setName("cicd-http");
    Server server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setPort(port);
    connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
    // Once stopping, an idle keep-alive connection is closed after this long (the connector's graceful
    // stop waits for its connections).
    connector.setShutdownIdleTimeout(SHUTDOWN_IDLE_TIMEOUT.toMillis());
    server.addConnector(connector);

    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    ServletHolder holder = new ServletHolder("cicd-dashboard", dashboard);
    holder.setAsyncSupported(true);
    holder.setInitOrder(1);
    context.addServlet(holder, "/*");
    server.setHandler(new LiveUpdatesBypass(new GracefulHandler(compressed(context)), context));
    server.setErrorHandler(new ProblemErrorHandler());
    server.setStopTimeout(stopTimeout.toMillis());
    server.setStopAtShutdown(false);
    try {
      server.start();
    } catch (Exception e) {
      stopQuietly(server);
      if (e.getCause() instanceof BindException || e instanceof BindException) {
        throw new StartupException("port " + port + " is in use; set CICD_PORT to a free port (0 picks one)", e);
      }
      throw new StartupException("the web server did not start: " + e.getMessage(), e);
    }
    return new JettyServer(server, connector, stopTimeout);
  }

  /**
   * Responses gzip-compressed for clients that accept it: the dashboard's scripts and API answers shrink
   * several times (the first render of a large history transfers about a sixth). The live-update stream is
   * left alone (it bypasses this handler and its type is excluded too).
   */
  static GzipHandler compressed(Handler handler) {
    GzipHandler gzip = new GzipHandler();
    gzip.addExcludedMimeTypes("text/event-stream");
    gzip.setHandler(handler);
    return gzip;
  }

  /** The bound port (the chosen one when started with 0). */
  int port() {
    return connector.getLocalPort();
  }

  /**
   * Stops accepting, lets requests in flight finish (at most the stop timeout), then stops.
   *
   * @return true if every request in flight finished in time
   */
  boolean stop() {
    try {
      server.stop();
      LOG.info("Web server stopped: no new requests accepted, requests in flight finished");
      return true;
    } catch (TimeoutException e) {
      LOG.warn("Web server stopped; requests still running after {} were cut off", stopTimeout);
    } catch (Exception e) {
      LOG.warn("Web server did not stop cleanly", e);
    }
    return false;
  }

  private static void stopQuietly(Server server) {
    try {
      server.stop();
    } catch (Exception e) {
      LOG.debug("Stopping a web server that failed to start failed too", e);
    }
  }

  /**
   * Sends live-update streams straight to the context, past the {@link GracefulHandler}, and ends them
   * when the server starts stopping: a stream never finishes on its own, and the connector's graceful
   * stop waits for every open connection. Clients reconnect (to another instance, or after the restart).
   */
  static final class LiveUpdatesBypass extends Handler.Wrapper implements Graceful {
    private final Handler context;
    private final Set<EndPoint> streams = ConcurrentHashMap.newKeySet();
    private volatile boolean shutdown;

    LiveUpdatesBypass(GracefulHandler graceful, Handler context) {
      super(graceful);
      this.context = context;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
      if (!LIVE_UPDATES.equals(Request.getPathInContext(request))) {
        return super.handle(request, response, callback);
      }
      if (shutdown) {
        Response.writeError(request, response, callback, 503, "stopping");
        return true;
      }
      streams.removeIf(endPoint -> !endPoint.isOpen());
      streams.add(request.getConnectionMetaData().getConnection().getEndPoint());
      return context.handle(request, response, callback);
    }

    @Override
    public CompletableFuture<Void> shutdown() {
      shutdown = true;
      streams.forEach(EndPoint::close);
      streams.clear();
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public boolean isShutdown() {
      return shutdown;
    }
  }
}
