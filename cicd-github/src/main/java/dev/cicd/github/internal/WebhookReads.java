package dev.cicd.github.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.filter.TokenFilter;
import java.io.IOException;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Which parts of a webhook payload become the tree the mapping reads, as a Jackson {@link TokenFilter}. GitHub
 * sends the sender, organisation, installation and enterprise accounts and whole repository objects with every
 * delivery (most of its bytes); the mapping reads of a repository only {@code full_name}, of an account only
 * {@code login} and of a head commit only {@code timestamp}. The other parts are still read token by token and
 * held to every rule of the whole document (syntax, nesting, string and number length, duplicate keys — see
 * {@link JsonSupport#parse(byte[], TokenFilter)}), but no tree nodes are built for them. Members the filter does
 * not name are kept whole, so a field read later never goes missing unnoticed: the mapping tests fail first.
 */
public final class WebhookReads {
  /** Kept whole. */
  private static final TokenFilter ALL = TokenFilter.INCLUDE_ALL;
  /** Read and checked, but not kept. */
  private static final TokenFilter DROP = new Drop();
  private static final TokenFilter REPOSITORY = only("full_name");
  private static final TokenFilter ACCOUNT = only("login");

  /** The filter for a whole webhook payload. */
  public static final TokenFilter PAYLOAD = new Members(ALL, Map.of(
      "sender", DROP,
      "organization", DROP,
      "installation", DROP,
      "enterprise", DROP,
      "repository", REPOSITORY,
      "workflow_run", new Members(ALL, Map.of(
          "repository", REPOSITORY,
          "head_repository", DROP,
          "actor", ACCOUNT,
          "triggering_actor", ACCOUNT,
          "head_commit", only("timestamp"))),
      "deployment", new Members(ALL, Map.of(
          "repository", REPOSITORY,
          "creator", DROP,
          "payload", DROP)),
      "deployment_status", new Members(ALL, Map.of(
          "creator", ACCOUNT))));

  private WebhookReads() {}

  private static TokenFilter only(String member) {
    return new Members(DROP, Map.of(member, ALL));
  }

  /**
   * An object's members: named ones by their own filter, the others by {@code others}. Whatever the value turns
   * out to be (a scalar or an array where an object belongs), it is kept, so the mapping reports the wrong type
   * as it would without the filter; an object none of whose members are kept stays, empty.
   */
  private static final class Members extends TokenFilter {
    private final TokenFilter others;
    private final Map<String, TokenFilter> named;

    Members(TokenFilter others, Map<String, TokenFilter> named) {
      this.others = others;
      this.named = named;
    }

    @Override
    public @Nullable TokenFilter includeProperty(String name) {
      return named.getOrDefault(name, others);
    }

    @Override
    public TokenFilter includeElement(int index) {
      return ALL;
    }

    @Override
    public boolean includeEmptyObject(boolean contentsFiltered) {
      return true;
    }

    @Override
    public boolean includeEmptyArray(boolean contentsFiltered) {
      return true;
    }
  }

  /**
   * Keeps nothing, but has every string value decoded, so that the string length limit holds in dropped parts as
   * everywhere else (skipping a string would not measure it).
   */
  private static final class Drop extends TokenFilter {
    @Override
    public TokenFilter includeProperty(String name) {
      return this;
    }

    @Override
    public TokenFilter includeElement(int index) {
      return this;
    }

    @Override
    public boolean includeValue(JsonParser parser) throws IOException {
      if (parser.currentToken() == JsonToken.VALUE_STRING) {
        parser.getTextLength();
      }
      return false;
    }

    @Override
    public boolean includeEmptyObject(boolean contentsFiltered) {
      return false;
    }

    @Override
    public boolean includeEmptyArray(boolean contentsFiltered) {
      return false;
    }
  }
}
