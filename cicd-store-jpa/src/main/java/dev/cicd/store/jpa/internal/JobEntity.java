package dev.cicd.store.jpa.internal;

import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.build.Conclusion;
import jakarta.persistence.Column;
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

/** Row of {@code job}: one job of one attempt with its steps, and copies of the build's window and filter columns. */
@Entity
@Table(name = "job")
@SuppressWarnings("NullAway.Init")
public class JobEntity {
  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "job_seq")
  @SequenceGenerator(name = "job_seq", sequenceName = "job_seq", allocationSize = 50)
  @Nullable Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "build_id")
  BuildEntity build;

  int attempt;
  @Column(name = "job_id")
  long jobId;
  String name;
  @Convert(converter = WireNameConverters.StatusConverter.class)
  BuildStatus status;
  @Convert(converter = WireNameConverters.ConclusionConverter.class)
  @Nullable Conclusion conclusion;
  @Convert(converter = InstantConverter.class)
  @Nullable Instant createdAt;
  @Convert(converter = InstantConverter.class)
  @Nullable Instant startedAt;
  @Convert(converter = InstantConverter.class)
  @Nullable Instant completedAt;
  @Nullable String runnerName;
  @Nullable String runnerGroup;
  String labels;
  @Nullable String url;
  @Nullable Long queueMs;
  @Nullable Long buildCompletedAt;
  long repositoryTerm;
  long workflowTerm;
  long branchTerm;

  /** The job's steps in the form of {@link StepCodec}. */
  String steps = "";

  protected JobEntity() {}

  static JobEntity of(BuildEntity build, int attempt, long jobId) {
    JobEntity entity = new JobEntity();
    entity.build = build;
    entity.attempt = attempt;
    entity.jobId = jobId;
    return entity;
  }
}
