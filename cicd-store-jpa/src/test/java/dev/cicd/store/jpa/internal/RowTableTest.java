package dev.cicd.store.jpa.internal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RowTableTest {
  private final AggregateTables tables =
      new AggregateTables(new StoreDatabase(new JdbcDataSource(), StoreDatabase.Kind.H2, "cicd_"));

  @Test
  @DisplayName("a version-checked update needs both the version column and the stale-row exception")
  void versionAndStaleGoTogether() {
    // Refused before any statement: no connection is needed to see it.
    assertThatThrownBy(() -> tables.builds.update(null, List.of(), List.of(), "version", null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("go together");
    assertThatThrownBy(() -> tables.builds.update(null, List.of(), List.of(), null,
        build -> new IllegalStateException("stale")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("go together");
  }
}
