package dev.cicd.github.internal;

import java.util.HashSet;
import java.util.Set;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks a listing through {@code Link: rel="next"} only (never hand-built page URLs), with a
 * max-pages guard and loop detection. A page's ETag is remembered only after its handler returned
 * normally, so a page whose processing failed is fetched in full next time.
 */
public final class Pager {
  private static final Logger LOG = LoggerFactory.getLogger(Pager.class);

  /** Called for every response, including 304s and unreadable pages ({@link ApiResponse#problem()}). */
  @FunctionalInterface
  public interface Handler {
    /** @return true to follow the next link, false to stop */
    boolean onPage(ApiResponse page);
  }

  /** @param truncated true when the max-pages guard or a loop stopped the walk */
  public record Result(int pages, boolean truncated) {}

  private Pager() {}

  public static Result walk(GitHubHttp http, HttpUrl first, int maxPages, Handler handler) {
    Set<HttpUrl> visited = new HashSet<>();
    HttpUrl url = first;
    int pages = 0;
    while (url != null) {
      if (pages >= maxPages) {
        LOG.warn("Stopped following {} after {} pages (maxPages)", GitHubHttp.describe(first), maxPages);
        return new Result(pages, true);
      }
      if (!visited.add(url)) {
        LOG.warn("Stopped following {}: the next link repeats {}", GitHubHttp.describe(first), GitHubHttp.describe(url));
        return new Result(pages, true);
      }
      ApiResponse page = http.get(url);
      pages++;
      boolean more = handler.onPage(page);
      http.remember(page);
      if (!more) {
        break;
      }
      url = page.next();
    }
    return new Result(pages, false);
  }
}
