package dev.cicd.store.jpa.internal;

import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.build.Conclusion;
import dev.cicd.core.build.DeploymentState;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import org.jspecify.annotations.Nullable;

/** Enum columns hold GitHub's lower-case wire names, readable in SQL. */
public final class WireNameConverters {
  private WireNameConverters() {}

  /** {@link BuildStatus} as its wire name. */
  @Converter
  public static class StatusConverter implements AttributeConverter<BuildStatus, String> {
    @Override
    public @Nullable String convertToDatabaseColumn(@Nullable BuildStatus attribute) {
      return attribute == null ? null : attribute.wireName();
    }

    @Override
    public @Nullable BuildStatus convertToEntityAttribute(@Nullable String dbData) {
      return dbData == null ? null : BuildStatus.fromWireName(dbData).orElseThrow(
          () -> new IllegalStateException("Unknown status in database: '" + dbData + "'"));
    }
  }

  /** {@link Conclusion} as its wire name. */
  @Converter
  public static class ConclusionConverter implements AttributeConverter<Conclusion, String> {
    @Override
    public @Nullable String convertToDatabaseColumn(@Nullable Conclusion attribute) {
      return attribute == null ? null : attribute.wireName();
    }

    @Override
    public @Nullable Conclusion convertToEntityAttribute(@Nullable String dbData) {
      return dbData == null ? null : Conclusion.fromWireName(dbData).orElseThrow(
          () -> new IllegalStateException("Unknown conclusion in database: '" + dbData + "'"));
    }
  }

  /** {@link DeploymentState} as its wire name. */
  @Converter
  public static class DeploymentStateConverter implements AttributeConverter<DeploymentState, String> {
    @Override
    public @Nullable String convertToDatabaseColumn(@Nullable DeploymentState attribute) {
      return attribute == null ? null : attribute.wireName();
    }

    @Override
    public @Nullable DeploymentState convertToEntityAttribute(@Nullable String dbData) {
      return dbData == null ? null : DeploymentState.fromWireName(dbData).orElseThrow(
          () -> new IllegalStateException("Unknown deployment state in database: '" + dbData + "'"));
    }
  }
}
