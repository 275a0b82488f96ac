package dev.cicd.github.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * ETags per URL, with the next-page link seen with them, least recently used evicted first. An entry
 * is stored only after the response was processed, so a 304 means "already done". Thread-safe.
 */
public final class EtagCache {
  /** A remembered validator and the {@code next} link that came with it. */
  public record Entry(String etag, @Nullable HttpUrl next) {}

  private final int capacity;
  private final Map<String, Entry> entries;

  public EtagCache(int capacity) {
    this.capacity = capacity;
    this.entries = new LinkedHashMap<>(64, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
        return size() > EtagCache.this.capacity;
      }
    };
  }

  public synchronized @Nullable Entry get(HttpUrl url) {
    return entries.get(url.toString());
  }

  public synchronized void put(HttpUrl url, Entry entry) {
    entries.put(url.toString(), entry);
  }

  public synchronized void remove(HttpUrl url) {
    entries.remove(url.toString());
  }

  public synchronized int size() {
    return entries.size();
  }
}
