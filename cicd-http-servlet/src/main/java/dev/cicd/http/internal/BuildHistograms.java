package dev.cicd.http.internal;

import dev.cicd.core.build.Build;
import dev.cicd.core.build.Job;
import dev.cicd.core.ingest.BuildChange;
import dev.cicd.core.ingest.IngestListener;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Histograms of what this instance saw happen since it started, labelled by repository only: the
 * duration of every build attempt that completed (a re-run is observed again) and the queue time of
 * every job that started.
 */
public final class BuildHistograms implements IngestListener {
  private final Histogram durations = new Histogram(10, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200);
  private final Histogram queueTimes = new Histogram(1, 5, 10, 30, 60, 120, 300, 600, 1800);

  @Override
  public void onBuildChanged(BuildChange change) {
    Build build = change.after();
    String repository = build.id().repository();
    if (change.completedNow()) {
      Long duration = build.durationMs();
      if (duration != null) {
        durations.observe(repository, duration / 1000.0);
      }
    }
    Set<List<Long>> startedBefore = new HashSet<>();
    if (change.before() != null) {
      for (Job job : change.before().jobs()) {
        if (job.startedAt() != null) {
          startedBefore.add(List.of((long) job.attempt(), job.id()));
        }
      }
    }
    for (Job job : build.jobs()) {
      Long queue = job.queueMs();
      if (queue != null && !startedBefore.contains(List.of((long) job.attempt(), job.id()))) {
        queueTimes.observe(repository, queue / 1000.0);
      }
    }
  }

  public void write(PrometheusText out) {
    out.family("cicd_build_duration_seconds", "histogram",
        "Duration of build attempts completed since this instance started.");
    durations.write(out, "cicd_build_duration_seconds", "repository");
    out.family("cicd_job_queue_seconds", "histogram", "Queue time of jobs started since this instance started.");
    queueTimes.write(out, "cicd_job_queue_seconds", "repository");
  }
}
