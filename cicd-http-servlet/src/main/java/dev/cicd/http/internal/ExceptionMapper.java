package dev.cicd.http.internal;

import dev.cicd.core.ingest.InboxFullException;
import dev.cicd.core.ingest.InboxTimeoutException;
import dev.cicd.core.source.InvalidWebhookSignatureException;
import dev.cicd.core.store.BuildNotFoundException;
import dev.cicd.core.store.BuildStoreException;
import dev.cicd.core.store.ConcurrentBuildModificationException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place exceptions become HTTP statuses. Anything not listed is a 500 with a generic text
 * and the request id; its details go to the log only.
 */
public final class ExceptionMapper {
  private static final Logger LOG = LoggerFactory.getLogger(ExceptionMapper.class);

  private final Map<Class<? extends Throwable>, Function<Throwable, HttpProblem>> mappings = new LinkedHashMap<>();

  public ExceptionMapper() {
    map(HttpProblem.class, e -> (HttpProblem) e);
    map(InvalidWebhookSignatureException.class,
        e -> new HttpProblem(401, "Unauthorized", "the webhook signature is missing or invalid"));
    map(BuildNotFoundException.class, e -> HttpProblem.notFound("no build has this id"));
    map(ConcurrentBuildModificationException.class,
        e -> HttpProblem.unavailable("the build is being updated concurrently; retry", 1));
    map(InboxFullException.class,
        e -> HttpProblem.unavailable("too many deliveries wait to be merged; retry later", 5));
    map(InboxTimeoutException.class, e -> HttpProblem.unavailable("the store did not answer in time; retry later", 5));
    map(BuildStoreException.class, e -> HttpProblem.unavailable("the store is unavailable; retry later", 5));
  }

  private void map(Class<? extends Throwable> type, Function<Throwable, HttpProblem> mapping) {
    mappings.put(type, mapping);
  }

  /** The problem to answer for {@code error}; logs what the client is not told. */
  public HttpProblem toProblem(Throwable error, String requestId) {
    for (var entry : mappings.entrySet()) {
      if (entry.getKey().isInstance(error)) {
        HttpProblem problem = entry.getValue().apply(error);
        if (problem.status() >= 500) {
          LOG.warn("Request {} answered {}: {}", requestId, problem.status(), error.toString());
        }
        return problem;
      }
    }
    LOG.error("Request {} failed", requestId, error);
    return new HttpProblem(500, "Internal Server Error",
        "the server failed to answer; quote request id " + requestId + " when reporting it");
  }
}
