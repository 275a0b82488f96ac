package dev.cicd.examples.embedded;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.cicd.core.Cicd;
import dev.cicd.github.GitHubConfig;
import dev.cicd.github.GitHubSource;
import dev.cicd.http.CicdDashboardServlet;
import dev.cicd.http.HttpConfig;
import dev.cicd.store.jpa.JpaBuildStore;
import dev.cicd.store.jpa.JpaStoreConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A servlet application that already exists (an "orders" service on embedded Tomcat 11 with its own
 * connection pool) and mounts the CI/CD dashboard at {@code /ci/*}, storing builds in the application's
 * own database through its {@link javax.sql.DataSource}.
 */
public final class EmbeddedApp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedApp.class);

  /**
   * @param jdbcUrl the application's database (H2 or PostgreSQL)
   * @param readToken bearer token for the dashboard's read endpoints (16+ characters)
   * @param adminToken bearer token for alert configuration (16+ characters)
   * @param webhookSecret the GitHub webhook secret
   */
  public record Options(int port, String jdbcUrl, String readToken, String adminToken, String webhookSecret) {}

  private final HikariDataSource dataSource;
  private final JpaBuildStore store;
  private final Cicd cicd;
  private final Tomcat tomcat;
  private final Path baseDir;

  private EmbeddedApp(HikariDataSource dataSource, JpaBuildStore store, Cicd cicd, Tomcat tomcat, Path baseDir) {
    this.dataSource = dataSource;
    this.store = store;
    this.cicd = cicd;
    this.tomcat = tomcat;
    this.baseDir = baseDir;
  }

  public static EmbeddedApp start(Options options) throws LifecycleException, SQLException, IOException {
    // The application's own pool and schema, as it had them before the dashboard came along.
    HikariConfig pool = new HikariConfig();
    pool.setPoolName("orders");
    pool.setJdbcUrl(options.jdbcUrl());
    HikariDataSource dataSource = new HikariDataSource(pool);
    OrdersServlet.createSchema(dataSource);

    // The dashboard: its store on the application's data source, GitHub webhooks, the servlet at /ci/*.
    JpaBuildStore store = JpaBuildStore.create(JpaStoreConfig.builder().dataSource(dataSource).build());
    GitHubSource github = GitHubSource.create(GitHubConfig.builder().webhookSecret(options.webhookSecret()).build());
    Cicd cicd = Cicd.builder().store(store).source(github).build();
    cicd.start();
    HttpConfig http = HttpConfig.builder().readToken(options.readToken()).adminToken(options.adminToken()).build();

    Path baseDir = Files.createTempDirectory("orders-tomcat");
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(baseDir.toString());
    Connector connector = new Connector();
    connector.setPort(options.port());
    connector.setProperty("connectionTimeout", "20000");
    tomcat.getService().addConnector(connector);
    tomcat.setConnector(connector);
    Context context = tomcat.addContext("", baseDir.toString());
    Tomcat.addServlet(context, "orders", new OrdersServlet(dataSource));
    context.addServletMappingDecoded("/orders", "orders");
    Wrapper dashboard = Tomcat.addServlet(context, "cicd", new CicdDashboardServlet(cicd, http));
    dashboard.setAsyncSupported(true);
    dashboard.setLoadOnStartup(1);
    context.addServletMappingDecoded("/ci/*", "cicd");
    tomcat.start();
    EmbeddedApp app = new EmbeddedApp(dataSource, store, cicd, tomcat, baseDir);
    LOG.info("Orders service on http://localhost:{}/orders, CI/CD dashboard on http://localhost:{}/ci/", app.port(),
        app.port());
    return app;
  }

  public int port() {
    return tomcat.getConnector().getLocalPort();
  }

  /** The application's own pool, which the dashboard's store shares. */
  public HikariDataSource dataSource() {
    return dataSource;
  }

  public Cicd cicd() {
    return cicd;
  }

  /** Stops Tomcat (the servlet unsubscribes), then the dashboard, then its store, then the pool. */
  @Override
  public void close() {
    try {
      tomcat.stop();
      tomcat.destroy();
    } catch (LifecycleException e) {
      LOG.warn("Tomcat did not stop cleanly", e);
    }
    cicd.close();
    store.close();
    dataSource.close();
    try (var paths = Files.walk(baseDir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code java -cp ... dev.cicd.examples.embedded.EmbeddedApp}: H2 in ./orders-data, port 8080. */
  public static void main(String[] args) throws Exception {
    String token = System.getenv().getOrDefault("ORDERS_CICD_READ_TOKEN", "read-token-change-me-0001");
    EmbeddedApp app = start(new Options(8080, "jdbc:h2:file:./orders-data/orders;DB_CLOSE_ON_EXIT=FALSE", token,
        System.getenv().getOrDefault("ORDERS_CICD_ADMIN_TOKEN", "admin-token-change-me-0001"),
        System.getenv().getOrDefault("ORDERS_GITHUB_WEBHOOK_SECRET", "webhook-secret-change-me")));
    Runtime.getRuntime().addShutdownHook(new Thread(app::close, "orders-shutdown"));
  }
}
