package dev.cicd.store.jpa.internal;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Stores an {@link Instant} as BIGINT nanoseconds since the epoch (see {@link Nanos}). */
@Converter
public class InstantConverter implements AttributeConverter<Instant, Long> {
  @Override
  public @Nullable Long convertToDatabaseColumn(@Nullable Instant attribute) {
    return Nanos.ofNullable(attribute);
  }

  @Override
  public @Nullable Instant convertToEntityAttribute(@Nullable Long dbData) {
    return Nanos.toInstant(dbData);
  }
}
