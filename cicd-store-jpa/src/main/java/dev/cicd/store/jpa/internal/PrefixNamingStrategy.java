package dev.cicd.store.jpa.internal;

import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.naming.PhysicalNamingStrategySnakeCaseImpl;
import org.hibernate.engine.jdbc.env.spi.JdbcEnvironment;
import org.jspecify.annotations.Nullable;

/** snake_case columns; tables and sequences get the configured prefix. */
public final class PrefixNamingStrategy extends PhysicalNamingStrategySnakeCaseImpl {
  private static final long serialVersionUID = 1L;
  private final String prefix;

  public PrefixNamingStrategy(String prefix) {
    this.prefix = prefix;
  }

  @Override
  public @Nullable Identifier toPhysicalTableName(@Nullable Identifier name, JdbcEnvironment environment) {
    return prefixed(super.toPhysicalTableName(name, environment));
  }

  @Override
  public @Nullable Identifier toPhysicalSequenceName(@Nullable Identifier name, JdbcEnvironment environment) {
    return prefixed(super.toPhysicalSequenceName(name, environment));
  }

  private @Nullable Identifier prefixed(@Nullable Identifier name) {
    return name == null ? null : Identifier.toIdentifier(prefix + name.getText(), name.isQuoted());
  }
}
