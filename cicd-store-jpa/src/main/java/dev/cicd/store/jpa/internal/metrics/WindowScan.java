package dev.cicd.store.jpa.internal.metrics;

import dev.cicd.store.jpa.internal.AttemptOutcomes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * One index-only range scan of the window's builds in (completed_at, run_id) order, aggregated as it
 * streams: counts per conclusion and per group, the rate-relevant durations with their groups, and the
 * failure/success events of the MTTR sequences.
 */
final class WindowScan {
  final AttemptOutcomes.Classifier classifier;
  final long[] dayStarts;
  final KeyIndex repositories = new KeyIndex(1);
  final KeyIndex workflows = new KeyIndex(2);
  /** MTTR sequences: (workflow group, branch term, provider term). */
  final KeyIndex sequences = new KeyIndex(3);

  long total;
  long successConclusion;
  long failureConclusion;
  long cancelled;
  long skipped;
  long success;
  long failed;
  long flaky;
  long reruns;
  long firstAttemptSuccess;
  final GroupCounts byRepository = new GroupCounts();
  final GroupCounts byWorkflow = new GroupCounts();
  final GroupCounts byDay = new GroupCounts();

  final LongList durations = new LongList();
  final IntList durationRepository = new IntList();
  final IntList durationWorkflow = new IntList();
  final IntList durationDay = new IntList();
  final IntList durationAll = new IntList();

  /** MTTR events in sequence order: sequence id * 2 + (1 if success). */
  final IntList events = new IntList();
  final LongList eventTimes = new LongList();
  boolean[] sequenceHasSuccess = new boolean[64];

  WindowScan(AttemptOutcomes.Classifier classifier, long[] dayStarts) {
    this.classifier = classifier;
    this.dayStarts = dayStarts;
  }

  void run(Connection c, String buildTable, long from, long to, Filters filters) throws SQLException {
    String sql = "SELECT completed_at, repository_term, workflow_term, branch_term, provider_term, duration_ms,"
        + " attempt_number, attempt_outcomes FROM " + buildTable
        + " WHERE completed_at >= ? AND completed_at < ?" + filters.sql("")
        + " ORDER BY completed_at, run_id";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setFetchSize(10_000);
      ps.setLong(1, from);
      ps.setLong(2, to);
      filters.bind(ps, 3);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long duration = rs.getLong(6);
          if (rs.wasNull()) {
            duration = -1;
          }
          add(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), duration, rs.getInt(7),
              rs.getString(8));
        }
      }
    }
  }

  private void add(long completedAt, long repositoryTerm, long workflowTerm, long branchTerm, long providerTerm,
      long durationMs, int attemptNumber, String outcomes) {
    char latest = outcomes.length() > 1 ? outcomes.charAt(outcomes.length() - 1) : AttemptOutcomes.NONE;
    total++;
    switch (latest) {
      case 's' -> successConclusion++;
      case 'f' -> failureConclusion++;
      case 'c' -> cancelled++;
      case 'k' -> skipped++;
      default -> { }
    }
    boolean isSuccess = classifier.isSuccess(latest);
    boolean isFailure = classifier.isFailure(latest);
    int repository = repositories.idOf(repositoryTerm);
    int workflow = workflows.idOf(repositoryTerm, workflowTerm);
    int day = day(completedAt);
    byRepository.add(repository, isSuccess, isFailure);
    byWorkflow.add(workflow, isSuccess, isFailure);
    byDay.add(day, isSuccess, isFailure);
    if (isSuccess) {
      success++;
    } else if (isFailure) {
      failed++;
    }
    if (classifier.isFlaky(outcomes)) {
      flaky++;
    }
    if (attemptNumber > 1) {
      reruns++;
    }
    if (!isSuccess && !isFailure) {
      return;
    }
    if (classifier.firstAttemptSucceeded(outcomes)) {
      firstAttemptSuccess++;
    }
    if (durationMs >= 0) {
      durations.add(durationMs);
      durationRepository.add(repository);
      durationWorkflow.add(workflow);
      durationDay.add(day);
      durationAll.add(0);
    }
    int sequence = sequences.idOf(workflow, branchTerm, providerTerm);
    events.add(sequence * 2 + (isSuccess ? 1 : 0));
    eventTimes.add(completedAt);
    if (isSuccess) {
      if (sequence >= sequenceHasSuccess.length) {
        sequenceHasSuccess = Arrays.copyOf(sequenceHasSuccess, Math.max(sequence + 1, sequenceHasSuccess.length * 2));
      }
      sequenceHasSuccess[sequence] = true;
    }
  }

  boolean hasSuccess(int sequence) {
    return sequence < sequenceHasSuccess.length && sequenceHasSuccess[sequence];
  }

  private int day(long completedAt) {
    int i = Arrays.binarySearch(dayStarts, completedAt);
    return i >= 0 ? i : Math.max(0, -i - 2);
  }
}
