package dev.cicd.examples.embedded;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** The host application's own feature: counts its orders in its own database. */
final class OrdersServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private final transient DataSource dataSource;

  OrdersServlet(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Creates the application's own table (the dashboard's tables live next to it, prefixed {@code cicd_}). */
  static void createSchema(DataSource dataSource) throws SQLException {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS orders (id BIGINT PRIMARY KEY, item VARCHAR(100) NOT NULL)");
    }
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM orders")) {
      rows.next();
      response.setContentType("text/plain;charset=UTF-8");
      response.getWriter().println(rows.getLong(1) + " orders");
    } catch (SQLException e) {
      throw new IOException("could not count orders", e);
    }
  }
}
