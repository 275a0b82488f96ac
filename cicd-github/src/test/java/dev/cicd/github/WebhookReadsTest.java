package dev.cicd.github;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.filter.TokenFilter;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cicd.core.source.WebhookDelivery;
import dev.cicd.core.source.WebhookKind;
import dev.cicd.github.internal.JsonSupport;
import dev.cicd.github.internal.WebhookParser;
import dev.cicd.github.internal.WebhookReads;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Webhook payloads are parsed into a tree of only the parts the mapping reads ({@link WebhookReads}): the
 * deliveries must be exactly those of the whole tree, and the dropped parts must still be held to every rule.
 */
class WebhookReadsTest {
  private static final JsonSupport JSON = new JsonSupport(25L * 1024 * 1024);
  private static final WebhookParser WHOLE = new WebhookParser(JSON, TokenFilter.INCLUDE_ALL);
  private static final WebhookParser PRUNED = new WebhookParser(JSON);

  @ParameterizedTest(name = "{0}")
  @MethodSource("bodies")
  @DisplayName("every fixture, and fixtures with mistyped or missing parts, map the same as with the whole tree")
  void sameDeliveryAsTheWholeTree(String name, String event, String body) {
    WebhookDelivery whole = WHOLE.parse(Fixtures.signed(event, body));
    WebhookDelivery pruned = PRUNED.parse(Fixtures.signed(event, body));
    assertThat(pruned).isEqualTo(whole);
  }

  static Stream<org.junit.jupiter.params.provider.Arguments> bodies() throws Exception {
    List<org.junit.jupiter.params.provider.Arguments> all = new ArrayList<>();
    for (String event : List.of("workflow_run", "workflow_job", "deployment_status", "ping")) {
      for (Path file : fixtures(event)) {
        String body = Files.readString(file);
        String name = event + "/" + file.getFileName();
        all.add(org.junit.jupiter.params.provider.Arguments.of(name, event, body));
        int variant = 0;
        for (String[] change : CHANGES) {
          String changed = body.replaceFirst(change[0], change[1]);
          if (!changed.equals(body)) {
            all.add(org.junit.jupiter.params.provider.Arguments.of(name + " #" + ++variant + " " + change[1], event,
                changed));
          }
        }
      }
    }
    return all.stream();
  }

  /** Regex replacements (first match) that give the kept and dropped parts wrong shapes. */
  private static final String[][] CHANGES = {
      {"\"repository\": \\{", "\"repository\": \"octo-org/api\", \"was_repository\": {"},
      {"\"repository\": \\{", "\"repository\": [], \"was_repository\": {"},
      {"\"full_name\": \"[^\"]*\"", "\"full_name\": 42"},
      {"\"full_name\": \"[^\"]*\"", "\"name_in_full\": \"octo-org/api\""},
      {"\"actor\": \\{", "\"actor\": 7, \"was_actor\": {"},
      {"\"login\": \"[^\"]*\"", "\"login\": {\"nested\": true}"},
      {"\"head_commit\": \\{", "\"head_commit\": [1], \"was_head_commit\": {"},
      {"\"timestamp\": \"[^\"]*\"", "\"timestamp\": \"not a time\""},
      {"\"creator\": \\{", "\"creator\": null, \"was_creator\": {"},
      {"\"sender\": \\{", "\"sender\": \"nobody\", \"was_sender\": {"},
  };

  private static List<Path> fixtures(String event) throws URISyntaxException, java.io.IOException {
    Path dir = Path.of(Fixtures.class.getResource("/github/webhooks/" + event).toURI());
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
  }

  @Test
  @DisplayName("the tree has no accounts, and of a repository only its full name")
  void droppedPartsAreNotInTheTree() {
    assertThat(Fixtures.text("webhooks/workflow_run/completed.json")).contains("\"sender\": {");
    JsonNode tree = JSON.parse(Fixtures.bytes("webhooks/workflow_run/completed.json"), WebhookReads.PAYLOAD);
    assertThat(tree.has("sender")).isFalse();
    assertThat(tree.get("repository").properties()).extracting(java.util.Map.Entry::getKey)
        .containsExactly("full_name");
    JsonNode run = tree.get("workflow_run");
    assertThat(run.has("head_repository")).isFalse();
    assertThat(run.get("actor").properties()).extracting(java.util.Map.Entry::getKey).containsExactly("login");
    assertThat(run.get("head_commit").properties()).extracting(java.util.Map.Entry::getKey)
        .containsExactly("timestamp");
    assertThat(run.get("id").asLong()).isPositive();
  }

  @Test
  @DisplayName("dropped parts are held to the same rules: duplicates, string and number limits, nesting, syntax")
  void droppedPartsAreChecked() {
    String body = Fixtures.text("webhooks/workflow_run/completed.json");
    assertInvalid(body.replaceFirst("\"sender\": \\{", "\"sender\": {\"login\": \"a\", \"login\": \"b\", "),
        "invalid payload: malformed JSON (Duplicate field 'login')");
    assertInvalid(body.replaceFirst("\"sender\": \\{", "\"sender\": {\"bio\": \"" + "a".repeat(2 * 1024 * 1024)
        + "\", "), "parser limit");
    assertInvalid(body.replaceFirst("\"sender\": \\{", "\"sender\": {\"big\": " + "9".repeat(10_000) + ", "),
        "parser limit");
    assertInvalid(body.replaceFirst("\"sender\": \\{", "\"sender\": {\"deep\": " + "[".repeat(10_000)
        + "]".repeat(10_000) + ", "), "parser limit");
    assertInvalid(body.replaceFirst("\"sender\": \\{", "\"sender\": {\"broken\": tru, "), "malformed JSON");
    assertInvalid(body.replaceFirst("\"head_repository\": \\{", "\"head_repository\": {\"id\": 1, \"id\": 2, "),
        "Duplicate field 'id'");
    assertInvalid(body + " {}", "Trailing token");
  }

  private static void assertInvalid(String body, String problem) {
    WebhookDelivery delivery = PRUNED.parse(Fixtures.signed("workflow_run", body));
    assertThat(delivery.kind()).as(delivery.problem()).isEqualTo(WebhookKind.INVALID);
    assertThat(delivery.problem()).contains(problem);
  }
}
