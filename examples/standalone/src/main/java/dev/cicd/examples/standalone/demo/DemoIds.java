package dev.cicd.examples.standalone.demo;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Id counters of the simulation: run ids, job ids, run numbers per workflow, deployment ids. Thread-safe. */
final class DemoIds {
  private final AtomicLong runIds;
  private final AtomicLong jobIds;
  private final AtomicLong deploymentIds;
  private final AtomicLong deploymentStatusIds;
  private final AtomicLong pullRequests = new AtomicLong(1200);
  private final Map<Long, AtomicLong> runNumbers = new ConcurrentHashMap<>();

  /** @param base the first run id; other counters start from multiples of it so that they never meet */
  DemoIds(long base) {
    this.runIds = new AtomicLong(base);
    this.jobIds = new AtomicLong(base * 10);
    this.deploymentIds = new AtomicLong(base);
    this.deploymentStatusIds = new AtomicLong(base * 10);
  }

  long runId() {
    return runIds.incrementAndGet();
  }

  long jobId() {
    return jobIds.incrementAndGet();
  }

  long deploymentId() {
    return deploymentIds.incrementAndGet();
  }

  long deploymentStatusId() {
    return deploymentStatusIds.incrementAndGet();
  }

  int pullRequest() {
    return (int) pullRequests.incrementAndGet();
  }

  /** The next run number of a workflow (GitHub numbers runs per workflow from 1). */
  long runNumber(long workflowId) {
    return runNumbers.computeIfAbsent(workflowId, id -> new AtomicLong(400 + id % 100 * 7)).incrementAndGet();
  }
}
