package dev.cicd.core.ingest;

import dev.cicd.core.build.DeploymentStatus;

/**
 * Told about every real change that ingestion stored, after it was stored. Called on the ingesting
 * thread: keep it short and hand long work to another thread. An exception thrown here is logged and
 * never undoes or blocks ingestion.
 */
public interface IngestListener {
  void onBuildChanged(BuildChange change);

  default void onDeploymentStatus(DeploymentStatus status) {}
}
