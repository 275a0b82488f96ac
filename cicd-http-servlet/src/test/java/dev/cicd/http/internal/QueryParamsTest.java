package dev.cicd.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class QueryParamsTest {
  @Test
  @DisplayName("values are percent-decoded as UTF-8")
  void decodes() {
    QueryParams params = new QueryParams("branch=feature%2Fx+y&repository=octo%2Fapi&title=%E2%9C%93");
    assertThat(params.string("branch")).isEqualTo("feature/x y");
    assertThat(params.string("repository")).isEqualTo("octo/api");
    assertThat(params.string("title")).isEqualTo("✓");
    assertThat(params.string("absent")).isNull();
  }

  @Test
  @DisplayName("unknown, repeated, empty and badly encoded parameters are 400")
  void strict() {
    assertThatThrownBy(() -> new QueryParams("sort=x").allowOnly(Set.of("limit")))
        .isInstanceOf(HttpProblem.class).hasMessageContaining("unknown query parameter 'sort'");
    assertThatThrownBy(() -> new QueryParams("a=1&a=2").string("a")).hasMessageContaining("at most once");
    assertThatThrownBy(() -> new QueryParams("a=").string("a")).hasMessageContaining("1 to 1000");
    assertThatThrownBy(() -> new QueryParams("a=%E2%28").string("a")).hasMessageContaining("UTF-8");
    assertThatThrownBy(() -> new QueryParams("a=%2")).hasMessageContaining("percent-encoding");
  }

  @Test
  @DisplayName("integers are range-checked digits")
  void integers() {
    assertThat(new QueryParams("").integer("limit", 1, 200, 50)).isEqualTo(50);
    assertThat(new QueryParams("limit=200").integer("limit", 1, 200, 50)).isEqualTo(200);
    for (String bad : List.of("0", "201", "-1", "+5", "1e2", "99999999999", " 5")) {
      assertThatThrownBy(() -> new QueryParams("limit=" + bad.replace(" ", "%20")).integer("limit", 1, 200, 50))
          .as(bad).isInstanceOf(HttpProblem.class);
    }
  }

  @Test
  @DisplayName("dates are ISO-8601 with an offset, or a plain date at UTC midnight")
  void dates() {
    assertThat(new QueryParams("from=2026-05-01").instant("from")).isEqualTo(Instant.parse("2026-05-01T00:00:00Z"));
    assertThat(new QueryParams("from=2026-05-01T14:00:00%2B02:00").instant("from"))
        .isEqualTo(Instant.parse("2026-05-01T12:00:00Z"));
    for (String bad : List.of("2026-05-01T12:00:00", "yesterday", "2026-02-30", "1714557600", "2026-5-1")) {
      assertThatThrownBy(() -> new QueryParams("from=" + bad).instant("from")).as(bad).isInstanceOf(HttpProblem.class);
    }
  }
}
