package dev.cicd.core.store;

import dev.cicd.core.build.Build;
import dev.cicd.core.build.BuildId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;

/**
 * Position in the newest-first build listing: after the build with this {@code createdAt} and id.
 * Listings order by {@code createdAt} descending, then run id, repository and provider descending
 * (strings by UTF-16 code units). New builds sort before existing ones, so pages already handed out
 * stay stable while builds arrive.
 */
public record BuildCursor(Instant createdAt, BuildId id) {
  /** The listing order, newest first. */
  public static final Comparator<Build> NEWEST_FIRST = Comparator.comparing(Build::createdAt)
      .thenComparingLong(b -> b.id().runId())
      .thenComparing(b -> b.id().repository())
      .thenComparing(b -> b.id().provider())
      .reversed();

  public static BuildCursor of(Build build) {
    return new BuildCursor(build.createdAt(), build.id());
  }

  /** True when {@code build} comes after this position in the newest-first listing. */
  public boolean isBefore(Build build) {
    int c = build.createdAt().compareTo(createdAt);
    if (c == 0) {
      c = Long.compare(build.id().runId(), id.runId());
    }
    if (c == 0) {
      c = build.id().repository().compareTo(id.repository());
    }
    if (c == 0) {
      c = build.id().provider().compareTo(id.provider());
    }
    return c < 0;
  }

  /** Opaque, URL-safe text form. */
  public String encode() {
    String raw = "v1|" + createdAt.getEpochSecond() + "|" + createdAt.getNano() + "|" + id.asString();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /** @throws IllegalArgumentException with "cursor is not valid" when the text was not made by {@link #encode()} */
  public static BuildCursor decode(String text) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
      String[] parts = raw.split("\\|", 4);
      if (parts.length != 4 || !parts[0].equals("v1")) {
        throw new IllegalArgumentException("bad version");
      }
      Instant at = Instant.ofEpochSecond(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
      return new BuildCursor(at, BuildId.parse(parts[3]));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("cursor is not valid: '" + text + "'", e);
    }
  }
}
