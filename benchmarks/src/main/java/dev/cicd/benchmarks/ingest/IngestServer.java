package dev.cicd.benchmarks.ingest;

import com.zaxxer.hikari.HikariDataSource;
import dev.cicd.core.Cicd;
import dev.cicd.core.ingest.InboxSettings;
import dev.cicd.github.GitHubConfig;
import dev.cicd.github.GitHubSource;
import dev.cicd.http.CicdDashboardServlet;
import dev.cicd.http.HttpConfig;
import dev.cicd.store.jpa.JpaBuildStore;
import dev.cicd.store.jpa.JpaStoreConfig;
import jakarta.servlet.http.HttpServlet;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.jspecify.annotations.Nullable;

/**
 * One server on 127.0.0.1 for the ingest benchmark and the fault suite, in one of four modes:
 * {@code real} (Jetty 12 + {@link CicdDashboardServlet} + {@link Cicd} + {@link JpaBuildStore}, webhooks at
 * {@value #WEBHOOK_PATH}, each merged before its 2xx), {@code inbox} (the same with the webhook inbox: 202 once
 * stored raw, merged behind), {@code floor} (a bare servlet on the same Jetty: HMAC, parse, one JDBC insert
 * in autocommit) and {@code hmac} (HMAC check only). As a program: {@code IngestServer MODE DATABASE [PORT]}
 * with DATABASE {@code h2:<dir>} or {@code pg:<schema>}; prints {@code READY <port>} and serves until
 * stopped (SIGTERM closes it cleanly).
 */
public final class IngestServer implements AutoCloseable {
  public static final String SECRET = "benchmark-webhook-secret-0123456789";
  public static final String READ_TOKEN = "benchmark-read-token-0123456789";
  public static final String WEBHOOK_PATH = "/cicd/api/webhook/github-actions";
  /** System property: the real server's {@code webhookConcurrency} (default: the product's default). */
  public static final String WEBHOOK_CONCURRENCY = "cicd.bench.webhookConcurrency";
  public static final String READY = "READY ";

  /** What answers the webhooks. */
  public enum Mode { REAL, INBOX, FLOOR, HMAC }

  private final Server jetty;
  private final @Nullable Cicd cicd;
  private final @Nullable JpaBuildStore store;
  private final @Nullable HikariDataSource floorPool;

  private IngestServer(Server jetty, @Nullable Cicd cicd, @Nullable JpaBuildStore store,
      @Nullable HikariDataSource floorPool) {
    this.jetty = jetty;
    this.cicd = cicd;
    this.store = store;
    this.floorPool = floorPool;
  }

  /** Starts a server with the store's defaults (pool of 10, 5 s connection timeout) on {@code port} (0: any). */
  public static IngestServer start(Mode mode, Database db, int port) throws Exception {
    return start(mode, db, db.jdbcUrl(), port, JpaStoreConfig.DEFAULT_CONNECTION_TIMEOUT);
  }

  /** Starts a server whose store connects through {@code jdbcUrl} (a proxy in front of the database, say). */
  public static IngestServer start(Mode mode, Database db, String jdbcUrl, int port, Duration connectionTimeout)
      throws Exception {
    db.create();
    Server jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    connector.setIdleTimeout(30_000);
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    jetty.setHandler(context);
    Cicd cicd = null;
    JpaBuildStore store = null;
    HikariDataSource floorPool = null;
    HttpServlet servlet;
    try {
      if (mode == Mode.REAL || mode == Mode.INBOX) {
        store = JpaBuildStore.create(JpaStoreConfig.builder().jdbcUrl(jdbcUrl).username(db.user())
            .password(db.password()).connectionTimeout(connectionTimeout).build());
        GitHubSource source = GitHubSource.create(GitHubConfig.builder().webhookSecret(SECRET).build());
        cicd = Cicd.builder().store(store).source(source)
            .webhookInbox(mode == Mode.INBOX ? InboxSettings.defaults() : null).build();
        cicd.start();
        servlet = new CicdDashboardServlet(cicd, HttpConfig.builder().readToken(READ_TOKEN).rateLimitPerMinute(0)
            .webhookConcurrency(Integer.getInteger(WEBHOOK_CONCURRENCY, HttpConfig.DEFAULT_WEBHOOK_CONCURRENCY)).build());
      } else {
        floorPool = mode == Mode.FLOOR ? db.pool(jdbcUrl, JpaStoreConfig.DEFAULT_MAXIMUM_POOL_SIZE) : null;
        servlet = new FloorServlet(SECRET, floorPool);
      }
      ServletHolder holder = new ServletHolder(servlet);
      holder.setAsyncSupported(true);
      context.addServlet(holder, "/cicd/*");
      jetty.start();
    } catch (Exception | Error e) {
      new IngestServer(jetty, cicd, store, floorPool).close();
      throw e;
    }
    return new IngestServer(jetty, cicd, store, floorPool);
  }

  public int port() {
    return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
  }

  /** The store of a {@code real} server. */
  public JpaBuildStore store() {
    if (store == null) {
      throw new IllegalStateException("only a real server has a store");
    }
    return store;
  }

  @Override
  public void close() throws Exception {
    try {
      jetty.stop();
    } finally {
      if (cicd != null) {
        cicd.close();
      }
      if (store != null) {
        store.close();
      }
      if (floorPool != null) {
        floorPool.close();
      }
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: IngestServer real|inbox|floor|hmac h2:<dir>|pg:<schema> [port]");
      System.exit(2);
    }
    Mode mode = Mode.valueOf(args[0].toUpperCase(Locale.ROOT));
    IngestServer server = start(mode, Database.parse(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 0);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        server.close();
      } catch (Exception e) {
        System.err.println("closing the server failed: " + e);
      } finally {
        stopped.countDown();
      }
    }, "ingest-server-shutdown"));
    System.out.println(READY + server.port());
    System.out.flush();
    stopped.await();
  }
}
