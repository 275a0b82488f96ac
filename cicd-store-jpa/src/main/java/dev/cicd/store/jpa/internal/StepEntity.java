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

/** Row of {@code step}: one step of a job, at its position in the job's step list. */
@Entity
@Table(name = "step")
@SuppressWarnings("NullAway.Init")
public class StepEntity {
  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "step_seq")
  @SequenceGenerator(name = "step_seq", sequenceName = "step_seq", allocationSize = 50)
  @Nullable Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "job_id")
  JobEntity job;

  int position;
  int number;
  String name;
  @Convert(converter = WireNameConverters.StatusConverter.class)
  BuildStatus status;
  @Convert(converter = WireNameConverters.ConclusionConverter.class)
  @Nullable Conclusion conclusion;
  @Convert(converter = InstantConverter.class)
  @Nullable Instant startedAt;
  @Convert(converter = InstantConverter.class)
  @Nullable Instant completedAt;

  protected StepEntity() {}

  static StepEntity of(JobEntity job, int position) {
    StepEntity entity = new StepEntity();
    entity.job = job;
    entity.position = position;
    return entity;
  }
}
