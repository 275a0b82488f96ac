package dev.cicd.store.jpa.internal.metrics;

import java.util.Arrays;

/**
 * The compact rows of the builds completed on one UTC day, in (completed_at, run_id) order, and the
 * queue times of their jobs: what a summary reads of a day, kept by {@link DayCache}.
 */
final class DayBlock {
  final long day;
  final long version;
  final long epoch;

  int size;
  long[] completed = new long[64];
  long[] repository = new long[64];
  long[] workflow = new long[64];
  long[] branch = new long[64];
  long[] provider = new long[64];
  long[] duration = new long[64];
  int[] attempts = new int[64];
  String[] outcomes = new String[64];

  int jobs;
  long[] jobCompleted = new long[16];
  long[] jobRepository = new long[16];
  long[] jobWorkflow = new long[16];
  long[] jobBranch = new long[16];
  long[] jobQueue = new long[16];

  DayBlock(long day, long version, long epoch) {
    this.day = day;
    this.version = version;
    this.epoch = epoch;
  }

  void addBuild(long completedAt, long repositoryTerm, long workflowTerm, long branchTerm, long providerTerm,
      long durationMs, int attemptNumber, String attemptOutcomes) {
    if (size == completed.length) {
      int n = size * 2;
      completed = Arrays.copyOf(completed, n);
      repository = Arrays.copyOf(repository, n);
      workflow = Arrays.copyOf(workflow, n);
      branch = Arrays.copyOf(branch, n);
      provider = Arrays.copyOf(provider, n);
      duration = Arrays.copyOf(duration, n);
      attempts = Arrays.copyOf(attempts, n);
      outcomes = Arrays.copyOf(outcomes, n);
    }
    completed[size] = completedAt;
    repository[size] = repositoryTerm;
    workflow[size] = workflowTerm;
    branch[size] = branchTerm;
    provider[size] = providerTerm;
    duration[size] = durationMs;
    attempts[size] = attemptNumber;
    outcomes[size] = attemptOutcomes;
    size++;
  }

  void addJob(long buildCompletedAt, long repositoryTerm, long workflowTerm, long branchTerm, long queueMs) {
    if (jobs == jobCompleted.length) {
      int n = jobs * 2;
      jobCompleted = Arrays.copyOf(jobCompleted, n);
      jobRepository = Arrays.copyOf(jobRepository, n);
      jobWorkflow = Arrays.copyOf(jobWorkflow, n);
      jobBranch = Arrays.copyOf(jobBranch, n);
      jobQueue = Arrays.copyOf(jobQueue, n);
    }
    jobCompleted[jobs] = buildCompletedAt;
    jobRepository[jobs] = repositoryTerm;
    jobWorkflow[jobs] = workflowTerm;
    jobBranch[jobs] = branchTerm;
    jobQueue[jobs] = queueMs;
    jobs++;
  }

  /** Rows held, as counted against the cache's capacity. */
  int weight() {
    return size + jobs;
  }
}
