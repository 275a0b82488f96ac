package dev.cicd.examples.standalone;

import jakarta.servlet.http.HttpServlet;
import java.net.BindException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embedded Jetty 12 serving the dashboard servlet at {@code /} (async on, for live updates). Stopping is
 * graceful: the connector stops accepting, requests in flight (webhooks being stored) finish within
 * {@link #STOP_TIMEOUT}; live-update streams, which never finish on their own, are not waited for.
 */
final class JettyServer {
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
  /** Closes connections that send nothing for this long (slow-loris). */
  static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
  private static final String LIVE_UPDATES = "/api/events";
  private static final Logger LOG = LoggerFactory.getLogger(JettyServer.class);

  private final Server server;
  private final ServerConnector connector;

  private JettyServer(Server server, ServerConnector connector) {
    this.server = server;
    this.connector = connector;
  }

  /** Starts Jetty on {@code port} of every interface (0: any free port). */
  static JettyServer start(int port, HttpServlet dashboard) {
    QueuedThreadPool threads = new QueuedThreadPool(200, 8);
    threads.setName("cicd-http");
    Server server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setPort(port);
    connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
    server.addConnector(connector);

    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    ServletHolder holder = new ServletHolder("cicd-dashboard", dashboard);
    holder.setAsyncSupported(true);
    holder.setInitOrder(1);
    context.addServlet(holder, "/*");
    server.setHandler(new LiveUpdatesBypass(new GracefulHandler(context), context));
    server.setStopTimeout(STOP_TIMEOUT.toMillis());
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
    return new JettyServer(server, connector);
  }

  /** The bound port (the chosen one when started with 0). */
  int port() {
    return connector.getLocalPort();
  }

  /** Stops accepting, lets requests in flight finish (at most {@link #STOP_TIMEOUT}), then stops. */
  void stop() {
    try {
      server.stop();
      LOG.info("Web server stopped: no new requests accepted, requests in flight finished");
    } catch (TimeoutException e) {
      LOG.warn("Web server stopped; requests still running after {} were cut off", STOP_TIMEOUT);
    } catch (Exception e) {
      LOG.warn("Web server did not stop cleanly", e);
    }
  }

  private static void stopQuietly(Server server) {
    try {
      server.stop();
    } catch (Exception e) {
      LOG.debug("Stopping a web server that failed to start failed too", e);
    }
  }

  /**
   * Sends live-update streams straight to the context, past the {@link GracefulHandler}, so a graceful
   * stop waits for real requests only; the streams end when the connector closes and clients reconnect.
   */
  static final class LiveUpdatesBypass extends Handler.Wrapper {
    private final Handler context;

    LiveUpdatesBypass(GracefulHandler graceful, Handler context) {
      super(graceful);
      this.context = context;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
      if (LIVE_UPDATES.equals(Request.getPathInContext(request))) {
        return context.handle(request, response, callback);
      }
      return super.handle(request, response, callback);
    }
  }
}
