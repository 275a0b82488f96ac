package dev.cicd.http.internal;

import dev.cicd.core.build.Build;
import dev.cicd.core.build.Job;
import dev.cicd.core.ingest.BuildChange;
import dev.cicd.core.ingest.IngestListener;

/**
 * Duration and queue-time histograms of the builds this instance saw complete (since it started),
 * labelled by repository only.
 */
public final class BuildHistograms implements IngestListener {
  private final Histogram durations = new Histogram(10, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200);
  private final Histogram queueTimes = new Histogram(1, 5, 10, 30, 60, 120, 300, 600, 1800);

  @Override
  public void onBuildChanged(BuildChange change) {
    if (!change.completedNow()) {
      return;
    }
    Build build = change.after();
    String repository = build.id().repository();
    Long duration = build.durationMs();
    if (duration != null) {
      durations.observe(repository, duration / 1000.0);
    }
    for (Job job : build.jobsOfAttempt(build.attemptNumber())) {
      Long queue = job.queueMs();
      if (queue != null) {
        queueTimes.observe(repository, queue / 1000.0);
      }
    }
  }

  public void write(PrometheusText out) {
    out.family("cicd_build_duration_seconds", "histogram",
        "Duration of builds completed since this instance started.");
    durations.write(out, "cicd_build_duration_seconds", "repository");
    out.family("cicd_job_queue_seconds", "histogram",
        "Queue time of the jobs of builds completed since this instance started.");
    queueTimes.write(out, "cicd_job_queue_seconds", "repository");
  }
}
