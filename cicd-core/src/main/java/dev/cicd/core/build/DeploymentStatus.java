package dev.cicd.core.build;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One status report of one deployment (GitHub {@code deployment_status}). Statuses are immutable
 * facts: the same {@code (provider, repository, statusId)} stored twice is one status.
 *
 * @param sha the commit deployed
 * @param createdAt when this status was reported
 */
public record DeploymentStatus(
    String provider,
    String repository,
    long deploymentId,
    long statusId,
    String environment,
    DeploymentState state,
    @Nullable String sha,
    @Nullable String ref,
    Instant createdAt,
    @Nullable String creator,
    @Nullable String url) {

  public DeploymentStatus {
    Objects.requireNonNull(provider, "provider");
    RepositoryNames.requireValid(repository);
    environment = ProviderText.requiredName(Objects.requireNonNull(environment, "environment"));
    sha = ProviderText.name(sha);
    ref = ProviderText.name(ref);
    creator = ProviderText.name(creator);
    url = ProviderText.text(url);
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
