package dev.cicd.store.jpa.internal;

import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.build.Conclusion;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Row of {@code attempt}: one attempt of a build. */
@Entity
@Table(name = "attempt")
@SuppressWarnings("NullAway.Init")
public class AttemptEntity {
  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "attempt_seq")
  @SequenceGenerator(name = "attempt_seq", sequenceName = "attempt_seq", allocationSize = 50)
  @Nullable Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "build_id")
  BuildEntity build;

  int number;
  @Convert(converter = WireNameConverters.StatusConverter.class)
  BuildStatus status;
  @Convert(converter = WireNameConverters.ConclusionConverter.class)
  @Nullable Conclusion conclusion;
  @Convert(converter = InstantConverter.class)
  @Nullable Instant startedAt;
  @Convert(converter = InstantConverter.class)
  @Nullable Instant updatedAt;
  @Convert(converter = InstantConverter.class)
  @Nullable Instant completedAt;
  @Nullable String triggeringActor;
  boolean placeholder;

  protected AttemptEntity() {}

  static AttemptEntity of(BuildEntity build, int number) {
    AttemptEntity entity = new AttemptEntity();
    entity.build = build;
    entity.number = number;
    return entity;
  }
}
