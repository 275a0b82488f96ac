package dev.cicd.github.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cicd.core.testing.MutableClock;
import dev.cicd.github.GitHubConfig;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GitHubHttpTest {
  private final MockWebServer server = new MockWebServer();
  private final MutableClock clock = MutableClock.at("2022-07-19T04:39:16Z");
  private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
  private final List<RecordedRequest> seen = Collections.synchronizedList(new ArrayList<>());
  private GitHubHttp http;

  @BeforeEach
  void start() throws IOException {
    server.start();
  }

  @AfterEach
  void stop() {
    if (http != null) {
      http.close();
    }
    server.close();
  }

  private GitHubHttp http(java.util.function.UnaryOperator<GitHubConfig.Builder> configure) {
    GitHubConfig config = configure.apply(GitHubConfig.builder().apiUrl(server.url("/").toString())
        .token("token-0000000000000000000000000000000000000001")).build();
    http = new GitHubHttp(config, null, clock, d -> {
      sleeps.add(d);
      clock.advance(d);
    }, () -> 0.5);
    return http;
  }

  private void dispatch(java.util.function.Function<RecordedRequest, MockResponse> handler) {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        seen.add(request);
        return handler.apply(request);
      }
    });
  }

  /** Replays the recorded octokit exchanges: bodies, and the real headers with links pointed at this server. */
  private MockResponse replay(JsonNode exchanges, RecordedRequest request) {
    String target = request.getTarget();
    for (JsonNode exchange : exchanges) {
      if (!exchange.get("path").asText().equals(target)) {
        continue;
      }
      JsonNode raw = exchange.get("rawHeaders");
      MockResponse.Builder response = new MockResponse.Builder().code(exchange.get("status").asInt());
      String etag = null;
      for (int i = 0; i + 1 < raw.size(); i += 2) {
        String name = raw.get(i).asText();
        String value = raw.get(i + 1).asText().replace("https://api.github.com/", server.url("/").toString());
        if (name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("connection")) {
          continue;
        }
        etag = name.equalsIgnoreCase("ETag") ? value : etag;
        response.addHeader(name, value);
      }
      if (etag != null && etag.equals(request.getHeaders().get("If-None-Match"))) {
        return new MockResponse.Builder().code(304).addHeader("ETag", etag).build();
      }
      return response.body(exchange.get("response").toString()).build();
    }
    return new MockResponse.Builder().code(404).body("{\"message\":\"Not Found\"}").build();
  }

  @Test
  @DisplayName("recorded GitHub exchanges: Link rel=next across 5 pages (the path changes), real ETags, then a 304")
  void recordedPagination() throws IOException {
    JsonNode exchanges;
    try (InputStream in = getClass().getResourceAsStream("/github/rest/recorded-paginate-issues.json")) {
      exchanges = new ObjectMapper().readTree(in);
    }
    dispatch(request -> replay(exchanges, request));
    GitHubHttp client = http(b -> b);
    HttpUrl first = server.url("/repos/octokit-fixture-org/tmp-scenario-paginate-issues-20220719043836917-izyoe/issues?per_page=3");
    List<Long> issues = new ArrayList<>();
    Pager.Result result = Pager.walk(client, first, 10, page -> {
      GitHubApi.items(page.body(), null).forEach(issue -> issues.add(issue.requiredLong("number")));
      return true;
    });
    assertThat(result).isEqualTo(new Pager.Result(5, false));
    assertThat(issues).hasSize(13).doesNotHaveDuplicates();
    assertThat(seen).extracting(RecordedRequest::getTarget).containsExactly(
        "/repos/octokit-fixture-org/tmp-scenario-paginate-issues-20220719043836917-izyoe/issues?per_page=3",
        "/repositories/515435940/issues?per_page=3&page=2", "/repositories/515435940/issues?per_page=3&page=3",
        "/repositories/515435940/issues?per_page=3&page=4", "/repositories/515435940/issues?per_page=3&page=5");
    RateLimitState.Snapshot rate = client.rateLimits().snapshot();
    assertThat(rate.remaining()).isEqualTo(4918L);
    assertThat(rate.limit()).isEqualTo(5000L);
    assertThat(rate.used()).isEqualTo(82L);
    assertThat(rate.reset()).isEqualTo(Instant.ofEpochSecond(1658208999));
    assertThat(rate.resource()).isEqualTo("core");

    seen.clear();
    int[] handled = {0};
    Pager.walk(client, first, 10, page -> {
      handled[0]++;
      return !page.notModified();
    });
    assertThat(seen).singleElement().satisfies(r -> assertThat(r.getHeaders().get("If-None-Match"))
        .isEqualTo("\"33b993150c346057e2d21c5333d4bc506287037296cc0ec3f450bafe9b4bdc72\""));
    assertThat(handled[0]).isEqualTo(1);
  }

  @Test
  @DisplayName("a next link to another host is not followed (the token would go with it)")
  void foreignNextLink() {
    dispatch(request -> new MockResponse.Builder().code(200)
        .addHeader("Link", "<https://evil.example/steal?page=2>; rel=\"next\"").body("[]").build());
    ApiResponse page = http(b -> b).get(server.url("/x"));
    assertThat(page.next()).isNull();
  }

  @Test
  @DisplayName("a next link pointing back to itself is cut off; endless distinct pages stop at maxPages")
  void loopAndMaxPages() {
    dispatch(request -> new MockResponse.Builder().code(200)
        .addHeader("Link", "<" + server.url("/same") + ">; rel=\"next\"").body("[]").build());
    assertThat(Pager.walk(http(b -> b), server.url("/same"), 50, page -> true)).isEqualTo(new Pager.Result(1, true));

    AtomicInteger n = new AtomicInteger();
    dispatch(request -> new MockResponse.Builder().code(200)
        .addHeader("Link", "<" + server.url("/page?p=" + n.incrementAndGet()) + ">; rel=\"next\"").body("[]").build());
    assertThat(Pager.walk(http, server.url("/page"), 7, page -> true)).isEqualTo(new Pager.Result(7, true));
  }

  @Test
  @DisplayName("an I/O failure is retried with backoff; the retry succeeds")
  void ioErrorThenSuccess() {
    AtomicInteger calls = new AtomicInteger();
    dispatch(request -> calls.incrementAndGet() == 1
        ? new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build()
        : new MockResponse.Builder().code(200).body("{\"ok\": true}").build());
    ApiResponse response = http(b -> b).get(server.url("/x"));
    assertThat(response.body().get("ok").asBoolean()).isTrue();
    assertThat(calls).hasValue(2);
    assertThat(sleeps).containsExactly(Duration.ofMillis(1125));
  }

  @Test
  @DisplayName("429 without retry-after with remaining 0 waits until the reset; retry-after as an HTTP date works")
  void waitsForResetAndHttpDate() {
    Instant reset = clock.instant().plusSeconds(30);
    AtomicInteger calls = new AtomicInteger();
    dispatch(request -> switch (calls.incrementAndGet()) {
      case 1 -> new MockResponse.Builder().code(429).addHeader("x-ratelimit-remaining", "0")
          .addHeader("x-ratelimit-reset", String.valueOf(reset.getEpochSecond())).build();
      case 2 -> new MockResponse.Builder().code(429).addHeader("Retry-After", "Tue, 19 Jul 2022 04:40:16 GMT").build();
      default -> new MockResponse.Builder().code(200).body("{}").build();
    });
    http(b -> b).get(server.url("/x"));
    assertThat(sleeps).containsExactly(Duration.ofSeconds(31), Duration.ofSeconds(29));
  }

  @Test
  @DisplayName("a 403 that is not a rate limit fails at once with GitHub's message; 404 likewise")
  void forbidden() {
    dispatch(request -> new MockResponse.Builder().code(403)
        .body("{\"message\":\"Resource not accessible by integration\"}").build());
    assertThatThrownBy(() -> http(b -> b).get(server.url("/repos/a/b/actions/runs")))
        .isInstanceOfSatisfying(GitHubApiException.class, e -> assertThat(e.status()).isEqualTo(403))
        .hasMessageContaining("Resource not accessible by integration");
    assertThat(seen).hasSize(1);
  }

  @Test
  @DisplayName("a body over maxPayloadBytes is a problem of that page, not an exception")
  void oversizedBody() {
    dispatch(request -> new MockResponse.Builder().code(200).body("[\"" + "x".repeat(5000) + "\"]").build());
    ApiResponse response = http(b -> b.maxPayloadBytes(2048)).get(server.url("/x"));
    assertThat(response.body()).isNull();
    assertThat(response.problem()).contains("larger than maxPayloadBytes");
  }

  @Test
  @DisplayName("requests are serial by default: never more than one in flight, even from several threads")
  void serialByDefault() throws InterruptedException {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    dispatch(request -> {
      int now = inFlight.incrementAndGet();
      maxInFlight.accumulateAndGet(now, Math::max);
      try {
        Thread.sleep(30);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      inFlight.decrementAndGet();
      return new MockResponse.Builder().code(200).body("{}").build();
    });
    GitHubHttp client = http(b -> b);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    for (int i = 0; i < 8; i++) {
      int n = i;
      pool.execute(() -> client.get(server.url("/x?n=" + n)));
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    assertThat(seen).hasSize(8);
    assertThat(maxInFlight).hasValue(1);
  }
}
