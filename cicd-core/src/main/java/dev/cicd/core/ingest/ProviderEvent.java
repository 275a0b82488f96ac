package dev.cicd.core.ingest;

/**
 * A fact reported by a CI provider, by webhook or by polling. Events are merged into the store by
 * {@link IngestionService}; the merge does not depend on the order they arrive in.
 */
public sealed interface ProviderEvent permits RunUpdate, JobUpdate, DeploymentUpdate {
  /** Repository full name {@code owner/name} the event is about. */
  String repository();
}
