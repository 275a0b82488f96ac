package dev.cicd.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RoutingTest {
  private final Handler none = exchange -> { };
  private final Router router = new Router()
      .get("/api/builds", Access.READ, Router.JSON, none)
      .get("/api/builds/{id}", Access.READ, Router.JSON, none)
      .post("/api/alerts/configure", Access.ADMIN, Router.JSON, true, none)
      .get("/api/events", Access.READ_OR_TICKET, Router.SSE, none)
      .fallback(none);

  @Test
  @DisplayName("path variables match exactly one non-empty segment")
  void variables() {
    assertThat(router.match("GET", "/api/builds/github:a:b:1")).isInstanceOfSatisfying(Router.Found.class,
        f -> assertThat(f.variables()).isEqualTo(Map.of("id", "github:a:b:1")));
    assertThat(router.match("GET", "/api/builds/a/b")).isInstanceOf(Router.NotFound.class);
    assertThat(router.match("GET", "/api/builds/")).isInstanceOf(Router.NotFound.class);
  }

  @Test
  @DisplayName("a known path with another method is 405 with the allowed methods; unknown API paths are 404")
  void methods() {
    assertThat(router.match("GET", "/api/alerts/configure")).isInstanceOfSatisfying(Router.WrongMethod.class,
        w -> assertThat(w.allow()).isEqualTo("POST, OPTIONS"));
    assertThat(router.match("DELETE", "/api/builds")).isInstanceOfSatisfying(Router.WrongMethod.class,
        w -> assertThat(w.allow()).isEqualTo("GET, HEAD, OPTIONS"));
    assertThat(router.match("HEAD", "/api/builds")).isInstanceOf(Router.Found.class);
    assertThat(router.match("HEAD", "/api/events")).isInstanceOf(Router.WrongMethod.class);
    assertThat(router.match("GET", "/api/unknown")).isInstanceOf(Router.NotFound.class);
    assertThat(router.match("GET", "/api")).isInstanceOf(Router.NotFound.class);
  }

  @Test
  @DisplayName("other GET paths go to the static fallback; other methods there are 405")
  void fallback() {
    assertThat(router.match("GET", "/style.css")).isInstanceOfSatisfying(Router.Found.class,
        f -> assertThat(f.variables()).isEqualTo(Map.of("path", "/style.css")));
    assertThat(router.match("POST", "/style.css")).isInstanceOf(Router.WrongMethod.class);
  }

  @Test
  @DisplayName("static names are plain segments with an allowed extension")
  void staticNames() {
    assertThat(StaticFiles.isSafe("index.html")).isTrue();
    assertThat(StaticFiles.isSafe("fonts/inter.woff2")).isTrue();
    for (String bad : new String[] {"../x.css", "a/../x.css", ".env.json", "x.txt", "x.class", "a//b.css", "a\\b.css",
        "a/./b.css", "", "x", "x.css/", "%2e%2e/x.css", "x.css\u0000.png"}) {
      assertThat(StaticFiles.isSafe(bad)).as(bad).isFalse();
    }
  }

  @Test
  @DisplayName("raw URIs with encoded dots, slashes or dot segments are suspicious")
  void suspicious() {
    assertThat(Mount.isSuspicious("/app/cicd/api/builds/github%3Aa%3Ab%3A1")).isFalse();
    for (String bad : new String[] {"/a/%2e%2e/b", "/a/%2E/b", "/a%2fb", "/a/..", "/a/../b", "/a//b", "/a\\b",
        "/a/%252e", "/a/x%00.css"}) {
      assertThat(Mount.isSuspicious(bad)).as(bad).isTrue();
    }
  }
}
