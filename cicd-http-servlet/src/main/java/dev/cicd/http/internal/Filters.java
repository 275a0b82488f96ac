package dev.cicd.http.internal;

import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.build.Conclusion;
import dev.cicd.core.build.RepositoryNames;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The build filters shared by listings and summaries, parsed strictly. */
final class Filters {
  static final List<String> STATUSES = Arrays.stream(BuildStatus.values()).map(BuildStatus::wireName).toList();
  static final List<String> CONCLUSIONS = Arrays.stream(Conclusion.values()).map(Conclusion::wireName).toList();

  private Filters() {}

  static @Nullable String repository(QueryParams query) {
    String value = query.string("repository");
    if (value != null && !RepositoryNames.isValid(value)) {
      throw HttpProblem.badRequest("repository must be 'owner/name'");
    }
    return value;
  }

  static @Nullable BuildStatus status(QueryParams query) {
    return query.oneOf("status", STATUSES, v -> BuildStatus.fromWireName(v).orElseThrow());
  }

  static @Nullable Conclusion conclusion(QueryParams query) {
    return query.oneOf("conclusion", CONCLUSIONS, v -> Conclusion.fromWireName(v).orElseThrow());
  }
}
