package dev.cicd.store.jpa.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether PostgreSQL's autovacuum runs. The store deletes rows all the time (every merged delivery's inbox row,
 * builds past retention), and only {@code VACUUM} makes their space reusable; with autovacuum off the inbox's table
 * grows by every delivery until someone vacuums it, and no table is analyzed.
 */
public final class Autovacuum {
  private static final Logger LOG = LoggerFactory.getLogger(Autovacuum.class);

  private Autovacuum() {}

  /** The server's {@code autovacuum} setting, read now. */
  public static boolean enabled(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW autovacuum")) {
      return rs.next() && "on".equalsIgnoreCase(rs.getString(1));
    }
  }

  /** Logs a warning naming what to do when autovacuum is off; @return whether it is on. */
  public static boolean warnIfOff(Connection c) throws SQLException {
    boolean on = enabled(c);
    if (!on) {
      LOG.warn("PostgreSQL's autovacuum is off: the space of deleted rows (the webhook inbox's merged deliveries, "
          + "builds past retention) is not reused and the tables are not analyzed until VACUUM ANALYZE runs; turn "
          + "autovacuum on or vacuum regularly");
    }
    return on;
  }
}
