package dev.cicd.http.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cicd.core.Cicd;
import dev.cicd.http.CicdDashboardServlet;
import dev.cicd.http.HttpConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The real servlet in embedded Jetty on 127.0.0.1, mounted below {@code /tools/ci/} so that every
 * dashboard URL has to be relative, protected by a read and an admin token, over an in-memory store.
 */
final class DashboardServer implements AutoCloseable {
  static final String READ_TOKEN = "read-token-0123456789abcdef";
  static final String ADMIN_TOKEN = "admin-token-0123456789abcdef";
  static final String MOUNT = "/tools/ci";

  private final Cicd cicd;
  private final Server server;
  private final String base;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper mapper = new ObjectMapper();

  private DashboardServer(Cicd cicd, Server server, String base) {
    this.cicd = cicd;
    this.server = server;
    this.base = base;
  }

  /**
   * @param asyncSupported false registers the servlet without async support, which turns live
   *     updates off (the stream answers 501) so the dashboard must poll
   */
  static DashboardServer start(boolean asyncSupported) {
    Cicd cicd = Cicd.builder().retention(null).build();
    HttpConfig config = HttpConfig.builder().readToken(READ_TOKEN).adminToken(ADMIN_TOKEN).build();
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/tools");
    ServletHolder holder = new ServletHolder(new CicdDashboardServlet(cicd, config));
    holder.setAsyncSupported(asyncSupported);
    context.addServlet(holder, "/ci/*");
    server.setHandler(context);
    try {
      cicd.start();
      server.start();
    } catch (Exception e) {
      throw new IllegalStateException("cannot start Jetty for the browser tests", e);
    }
    return new DashboardServer(cicd, server, "http://127.0.0.1:" + connector.getLocalPort() + MOUNT + "/");
  }

  Cicd cicd() {
    return cicd;
  }

  /** The dashboard's URL, ending in "/". */
  String url() {
    return base;
  }

  /** GET of an API path relative to the mount (e.g. "api/metrics/summary?window=7d"), with the read token. */
  JsonNode get(String relative) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + relative))
        .header("Authorization", "Bearer " + READ_TOKEN)
        .header("Accept", "application/json")
        .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("GET " + relative + " answered " + response.statusCode() + ": " + response.body());
      }
      return mapper.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws Exception {
    try {
      server.stop();
    } finally {
      cicd.close();
    }
  }
}
