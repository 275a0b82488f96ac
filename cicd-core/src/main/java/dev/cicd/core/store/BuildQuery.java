package dev.cicd.core.store;

import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.build.Conclusion;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Filters and page position for {@link BuildStore#list}. Null filters match everything. The time
 * range applies to the build's {@code createdAt}: {@code from} inclusive, {@code to} exclusive.
 *
 * @param cursor {@link Page#nextCursor()} of the previous page, or null for the first page
 */
public record BuildQuery(
    @Nullable String repository,
    @Nullable String workflow,
    @Nullable String branch,
    @Nullable BuildStatus status,
    @Nullable Conclusion conclusion,
    @Nullable String event,
    @Nullable Instant from,
    @Nullable Instant to,
    int limit,
    @Nullable String cursor) {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 200;

  public BuildQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", but was " + limit);
    }
    if (from != null && to != null && !from.isBefore(to)) {
      throw new IllegalArgumentException("from must be before to, but was from=" + from + " to=" + to);
    }
    if (cursor != null) {
      BuildCursor.decode(cursor);
    }
  }

  public static BuildQuery firstPage() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder().repository(repository).workflow(workflow).branch(branch).status(status)
        .conclusion(conclusion).event(event).from(from).to(to).limit(limit).cursor(cursor);
  }

  public @Nullable BuildCursor decodedCursor() {
    return cursor == null ? null : BuildCursor.decode(cursor);
  }

  /** Builder for {@link BuildQuery}; validation happens in {@link #build()}. */
  public static final class Builder {
    private @Nullable String repository;
    private @Nullable String workflow;
    private @Nullable String branch;
    private @Nullable BuildStatus status;
    private @Nullable Conclusion conclusion;
    private @Nullable String event;
    private @Nullable Instant from;
    private @Nullable Instant to;
    private int limit = DEFAULT_LIMIT;
    private @Nullable String cursor;

    public Builder repository(@Nullable String value) { this.repository = value; return this; }
    public Builder workflow(@Nullable String value) { this.workflow = value; return this; }
    public Builder branch(@Nullable String value) { this.branch = value; return this; }
    public Builder status(@Nullable BuildStatus value) { this.status = value; return this; }
    public Builder conclusion(@Nullable Conclusion value) { this.conclusion = value; return this; }
    public Builder event(@Nullable String value) { this.event = value; return this; }
    public Builder from(@Nullable Instant value) { this.from = value; return this; }
    public Builder to(@Nullable Instant value) { this.to = value; return this; }
    public Builder limit(int value) { this.limit = value; return this; }
    public Builder cursor(@Nullable String value) { this.cursor = value; return this; }

    public BuildQuery build() {
      return new BuildQuery(repository, workflow, branch, status, conclusion, event, from, to, limit, cursor);
    }
  }
}
