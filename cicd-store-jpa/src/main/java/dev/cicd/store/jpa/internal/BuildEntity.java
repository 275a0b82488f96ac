package dev.cicd.store.jpa.internal;

import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.build.Conclusion;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Row of {@code build}: one workflow run with the latest attempt's state copied onto it. */
@Entity
@Table(name = "build")
@SuppressWarnings("NullAway.Init")
public class BuildEntity {
  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "build_seq")
  @SequenceGenerator(name = "build_seq", sequenceName = "build_seq", allocationSize = 50)
  @Nullable Long id;

  String provider;
  String repository;
  long runId;
  long version;
  @Nullable Long workflowId;
  String workflowName;
  @Nullable String workflowPath;
  long runNumber;
  @Nullable String branch;
  @Nullable String commitSha;
  @Nullable Long commitKey;
  @Nullable String event;
  @Nullable String actor;
  @Nullable String title;
  @Nullable String url;
  @Convert(converter = InstantConverter.class)
  Instant createdAt;
  @Convert(converter = InstantConverter.class)
  @Nullable Instant headCommitAt;
  String pullRequests;

  @Convert(converter = WireNameConverters.StatusConverter.class)
  BuildStatus status;
  @Convert(converter = WireNameConverters.ConclusionConverter.class)
  @Nullable Conclusion conclusion;
  @Convert(converter = InstantConverter.class)
  @Nullable Instant startedAt;
  @Convert(converter = InstantConverter.class)
  @Nullable Instant completedAt;
  @Nullable Long durationMs;
  int attemptNumber;
  String attemptOutcomes;

  long providerTerm;
  long repositoryTerm;
  long workflowTerm;
  long branchTerm;
  long eventTerm;
  @Column(name = "sort_key")
  byte[] sortKey;

  @OneToMany(mappedBy = "build", cascade = CascadeType.ALL, orphanRemoval = true)
  @OrderBy("number")
  List<AttemptEntity> attempts = new ArrayList<>();

  @OneToMany(mappedBy = "build", cascade = CascadeType.ALL, orphanRemoval = true)
  List<JobEntity> jobs = new ArrayList<>();

  protected BuildEntity() {}

  static BuildEntity create() {
    return new BuildEntity();
  }
}
