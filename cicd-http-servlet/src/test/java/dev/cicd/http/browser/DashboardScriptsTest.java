package dev.cicd.http.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's modules, imported in the served page: the event-stream parser, the link policy and
 * the number formats (checked against the Java twin the KPI test relies on).
 */
class DashboardScriptsTest extends BrowserTestSupport {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private boolean opened;

  @BeforeEach
  void openPage() {
    if (!opened) {
      open("#/settings");
      opened = true;
    }
  }

  private JsonNode call(String body) {
    Object result = driver.executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "Promise.all([import('./dashboard.js'), import('./format.js')]).then(([live, format]) => {"
            + body + "}).then(r => done(JSON.stringify(r)), e => done(JSON.stringify({error: String(e)})));");
    try {
      return MAPPER.readTree(String.valueOf(result));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  @DisplayName("the event-stream parser gives the same events however the bytes are split")
  void eventStreamParser() {
    String stream = "retry: 5000\r\n: connected\r\n\r\nid: 7\r\nevent: build\r\ndata: {\"type\":\"build\",\r\n"
        + "data: \"n\":1}\r\n\r\n: heartbeat\n\nid: 8\nevent: resync\ndata: {}\r\rdata: plain\n\n";
    JsonNode result = call("const text = " + MAPPER.valueToTree(stream) + "; const all = [];"
        + "for (let cut = 0; cut <= text.length; cut++) {"
        + "  const events = []; const retries = [];"
        + "  const p = new live.EventStreamParser(e => events.push(e), r => retries.push(r));"
        + "  p.push(text.slice(0, cut)); p.push(text.slice(cut));"
        + "  all.push({events, retries});"
        + "}"
        + "return all;");
    assertThat(result.isArray()).as(result.toString()).isTrue();
    for (JsonNode split : result) {
      JsonNode events = split.path("events");
      assertThat(events).as("split %s", split).hasSize(3);
      assertThat(events.get(0).path("type").asText()).isEqualTo("build");
      assertThat(events.get(0).path("id").asText()).isEqualTo("7");
      assertThat(events.get(0).path("data").asText()).isEqualTo("{\"type\":\"build\",\n\"n\":1}");
      assertThat(events.get(1).path("type").asText()).isEqualTo("resync");
      assertThat(events.get(2).path("type").asText()).isEqualTo("message");
      assertThat(events.get(2).path("data").asText()).isEqualTo("plain");
      assertThat(split.path("retries").toString()).isEqualTo("[5000]");
    }
  }

  @Test
  @DisplayName("links go out only to https on the GitHub host")
  void linkPolicy() {
    Map<String, Boolean> cases = Map.of(
        "https://github.com/octo-org/api/actions/runs/1", true,
        "javascript:alert(1)", false,
        "http://github.com/octo-org/api", false,
        "https://evil.example/octo-org/api", false,
        "https://github.com.evil.example/x", false,
        "https://user:pass@github.com/x", false,
        "//github.com/x", false,
        "data:text/html,<script>alert(1)</script>", false);
    for (Map.Entry<String, Boolean> c : cases.entrySet()) {
      JsonNode result = call("return format.safeGitHubUrl(" + MAPPER.valueToTree(c.getKey()) + ") !== null;");
      assertThat(result.asBoolean()).as(c.getKey()).isEqualTo(c.getValue());
    }
  }

  @Test
  @DisplayName("format.js and the Java twin agree on durations, rates and counts")
  void formatsAgree() {
    List<Long> durations = new ArrayList<>(List.of(0L, 1L, 999L, 1000L, 1049L, 1050L, 59_949L, 59_950L, 59_999L,
        60_000L, 61_500L, 3_599_499L, 3_599_500L, 3_600_000L, 172_769_999L, 172_800_000L, 1_000_000_000L));
    for (long v = 7; v < 400_000_000L; v = v * 3 + 11) {
      durations.add(v);
    }
    List<Double> rates = List.of(0.0, 1.0, 0.0005, 0.0015, 2 / 3.0, 0.8335, 0.99949, 0.99951, 70 / 101.0);
    JsonNode js = call("return {durations: " + MAPPER.valueToTree(durations) + ".map(format.duration),"
        + " means: [1234.5, 59999.5, 0.4].map(format.duration),"
        + " rates: " + MAPPER.valueToTree(rates) + ".map(format.percent),"
        + " counts: [0, 7, 1234, 1234567].map(format.count), none: [format.duration(null), format.percent(null)]};");
    for (int i = 0; i < durations.size(); i++) {
      assertThat(js.path("durations").get(i).asText()).as("duration %s", durations.get(i))
          .isEqualTo(Formats.duration(LongNode.valueOf(durations.get(i))));
    }
    double[] means = {1234.5, 59999.5, 0.4};
    for (int i = 0; i < means.length; i++) {
      assertThat(js.path("means").get(i).asText()).isEqualTo(Formats.duration(DoubleNode.valueOf(means[i])));
    }
    for (int i = 0; i < rates.size(); i++) {
      assertThat(js.path("rates").get(i).asText()).as("rate %s", rates.get(i))
          .isEqualTo(Formats.percent(DoubleNode.valueOf(rates.get(i))));
    }
    assertThat(js.path("counts").toString()).isEqualTo("[\"0\",\"7\",\"1,234\",\"1,234,567\"]");
    assertThat(js.path("none").toString()).isEqualTo("[\"—\",\"—\"]");
    assertThat(Formats.duration(LongNode.valueOf(61_500))).isEqualTo("1 min 02 s");
    assertThat(Formats.percent(DoubleNode.valueOf(70 / 101.0))).isEqualTo("69.3%");
  }
}
