package dev.cicd.core.ingest;

/** What one ingested event did to the store. */
public enum IngestOutcome {
  /** A build or deployment status that did not exist was stored. */
  CREATED,
  /** An existing build moved forward. */
  UPDATED,
  /** The event carried nothing newer than what is stored. */
  UNCHANGED,
  /** The delivery was already recorded; nothing was applied. */
  DUPLICATE;

  /** True for outcomes that changed stored state. */
  public boolean changed() {
    return this == CREATED || this == UPDATED;
  }
}
