package dev.cicd.github.internal;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;
import okhttp3.HttpUrl;

/**
 * A successful (2xx) or not-modified (304) GitHub response.
 *
 * @param body the parsed JSON; null for a 304 or when the body could not be read
 * @param problem why a 2xx body could not be read (malformed, too large); null otherwise
 * @param next the {@code rel="next"} page on the API host, or null
 * @param etag the response's ETag, remembered once the caller processed the response
 */
public record ApiResponse(HttpUrl url, int code, @Nullable JsonNode body, @Nullable String problem,
    @Nullable HttpUrl next, @Nullable String etag) {

  public boolean notModified() {
    return code == 304;
  }
}
