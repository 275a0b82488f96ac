package dev.cicd.store.jpa.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cicd.store.jpa.PostgresExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JDBC store answers every call exactly like the in-memory reference (seeded random sequences). */
class DifferentialTest {
  private static final int STEPS = 800;

  @Nested
  @DisplayName("on H2")
  class OnH2 {
    @Test
    @DisplayName("800 random calls with hostile text answer like InMemoryAlertStore")
    void sameAnswers() throws Exception {
      try (H2Database db = new H2Database().open()) {
        assertThat(new DifferentialScenario(db.alerts(), 20250310).run(STEPS)).isGreaterThan(STEPS);
      }
    }
  }

  @Nested
  @DisplayName("on PostgreSQL")
  class OnPostgres {
    @RegisterExtension
    final PostgresExtension pg = new PostgresExtension();

    @Test
    @DisplayName("800 random calls with hostile text answer like InMemoryAlertStore")
    void sameAnswers() {
      JpaAlertStore store = JpaAlertStore.sharing(pg.newStore());
      assertThat(new DifferentialScenario(store, 20250311).run(STEPS)).isGreaterThan(STEPS);
    }
  }
}
