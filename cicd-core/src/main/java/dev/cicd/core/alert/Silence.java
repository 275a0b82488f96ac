package dev.cicd.core.alert;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Suppresses notifications of the alerts that match every matcher while it is active
 * ({@code startsAt <= now < endsAt}). Alerts keep their state and history; suppressed rows are kept in
 * the outbox as {@link OutboxStatus#SUPPRESSED}. When the silence ends, alerts still firing are
 * notified on the next tick.
 */
public record Silence(
    String id,
    List<SilenceMatcher> matchers,
    Instant startsAt,
    Instant endsAt,
    String author,
    String reason,
    Instant createdAt) {

  public Silence {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(startsAt, "startsAt");
    Objects.requireNonNull(endsAt, "endsAt");
    Objects.requireNonNull(createdAt, "createdAt");
    matchers = List.copyOf(matchers);
    if (id.isBlank()) {
      throw new IllegalArgumentException("silence id must not be blank");
    }
    if (matchers.isEmpty()) {
      throw new IllegalArgumentException("a silence needs at least one matcher, but had none");
    }
    if (!endsAt.isAfter(startsAt)) {
      throw new IllegalArgumentException("silence endsAt must be after startsAt, but was " + endsAt
          + " (startsAt " + startsAt + ")");
    }
    if (author == null || author.isBlank()) {
      throw new IllegalArgumentException("silence author is required");
    }
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("silence reason is required");
    }
  }

  /** A silence with a random id, starting now. */
  public static Silence create(List<SilenceMatcher> matchers, Instant now, Instant endsAt, String author,
      String reason) {
    return new Silence(UUID.randomUUID().toString(), matchers, now, endsAt, author, reason, now);
  }

  public boolean isActiveAt(Instant now) {
    return !now.isBefore(startsAt) && now.isBefore(endsAt);
  }

  public boolean matches(String ruleId, String repository, String workflow, String branch) {
    return matchers.stream().allMatch(m -> m.matches(ruleId, repository, workflow, branch));
  }

  /** A copy that ends at {@code now} (ending a silence early keeps it in history). */
  public Silence expire(Instant now) {
    Instant end = now.isAfter(startsAt) ? now : startsAt.plusNanos(1);
    return new Silence(id, matchers, startsAt, end.isBefore(endsAt) ? end : endsAt, author, reason, createdAt);
  }
}
