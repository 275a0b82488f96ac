package dev.cicd.store.jpa.internal;

import java.sql.SQLException;
import java.util.Set;

/** Classifies database failures by SQL state, whichever layer wrapped them. */
public final class Failures {
  /** Unique constraint violated (H2 and PostgreSQL). */
  private static final String UNIQUE_VIOLATION = "23505";
  /** H2 "concurrent update", PostgreSQL serialization failure and deadlock. */
  private static final Set<String> CONFLICTS = Set.of("90131", "40001", "40P01");

  private Failures() {}

  public static boolean isUniqueViolation(Throwable failure) {
    return hasState(failure, Set.of(UNIQUE_VIOLATION));
  }

  public static boolean isWriteConflict(Throwable failure) {
    return hasState(failure, CONFLICTS);
  }

  private static boolean hasState(Throwable failure, Set<String> states) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        for (SQLException s = sql; s != null; s = s.getNextException()) {
          if (s.getSQLState() != null && states.contains(s.getSQLState())) {
            return true;
          }
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
