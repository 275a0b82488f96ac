package dev.cicd.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cicd.core.alert.AlertConfig;
import dev.cicd.core.alert.AlertRule;
import dev.cicd.core.alert.AlertRules;
import dev.cicd.core.alert.QuietHours;
import dev.cicd.core.alert.Receiver;
import dev.cicd.core.alert.RuleScope;
import java.time.DateTimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads the body of {@code POST api/alerts/configure} into an {@link AlertConfig}, collecting every
 * problem (each naming where it is) instead of stopping at the first. Unknown fields are errors, so a
 * typo never silently drops a setting.
 */
final class AlertConfigParser {
  static final int MAX_RULES = 200;
  static final int MAX_RECEIVERS = 50;
  private static final Set<String> TOP = Set.of("rules", "receivers", "groupWait", "repeatInterval");
  private static final Set<String> RULE = Set.of("id", "type", "scope", "receivers", "parameters");
  private static final Set<String> SCOPE = Set.of("repositories", "workflows", "branches");
  private static final Set<String> RECEIVER = Set.of("id", "channel", "sendResolved", "quietHours");
  private static final Set<String> QUIET = Set.of("zone", "start", "end");

  private static final JsonNode EMPTY = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();

  private final List<String> problems = new ArrayList<>();

  /** @throws HttpProblem 400 listing every problem */
  static AlertConfig parse(JsonNode body) {
    return new AlertConfigParser().read(body);
  }

  private AlertConfig read(JsonNode body) {
    if (!body.isObject()) {
      throw HttpProblem.badRequest("the body must be a JSON object with rules and receivers");
    }
    fields(body, TOP, "");
    if (body.path("rules").isMissingNode()) {
      // The whole configuration is replaced: a body without rules (an empty object sent by mistake) would remove
      // every rule. An empty array says so on purpose.
      problems.add("rules is required (the configuration is replaced as a whole; [] removes every rule)");
    }
    List<AlertRule> rules = new ArrayList<>();
    JsonNode ruleNodes = array(body.path("rules"), "rules", MAX_RULES);
    for (int i = 0; i < ruleNodes.size(); i++) {
      rule(ruleNodes.get(i), "rules[" + i + "]", rules);
    }
    List<Receiver> receivers = new ArrayList<>();
    JsonNode receiverNodes = array(body.path("receivers"), "receivers", MAX_RECEIVERS);
    for (int i = 0; i < receiverNodes.size(); i++) {
      receiver(receiverNodes.get(i), "receivers[" + i + "]", receivers);
    }
    Duration groupWait = duration(body.path("groupWait"), "groupWait", AlertConfig.DEFAULT_GROUP_WAIT);
    Duration repeat = duration(body.path("repeatInterval"), "repeatInterval", AlertConfig.DEFAULT_REPEAT_INTERVAL);
    @Nullable AlertConfig config = null;
    if (problems.isEmpty()) {
      try {
        config = new AlertConfig(rules, receivers, groupWait, repeat);
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    if (!problems.isEmpty() || config == null) {
      throw HttpProblem.badRequest("the alert configuration is not valid: " + problems.size() + " problem(s)")
          .errors(problems);
    }
    return config;
  }

  private void rule(JsonNode node, String where, List<AlertRule> rules) {
    if (!node.isObject()) {
      problems.add(where + " must be an object");
      return;
    }
    fields(node, RULE, where + ".");
    String id = text(node.path("id"), where + ".id");
    String type = text(node.path("type"), where + ".type");
    JsonNode scopeNode = node.path("scope");
    if (!scopeNode.isMissingNode() && !scopeNode.isObject()) {
      problems.add(where + ".scope must be an object");
      return;
    }
    fields(scopeNode, SCOPE, where + ".scope.");
    List<String> receivers = strings(node.path("receivers"), where + ".receivers");
    Map<String, String> parameters = new LinkedHashMap<>();
    JsonNode params = node.path("parameters");
    if (!params.isMissingNode() && !params.isObject()) {
      problems.add(where + ".parameters must be an object");
    }
    params.fields().forEachRemaining(e -> {
      if (e.getValue().isTextual() || e.getValue().isNumber()) {
        parameters.put(e.getKey(), e.getValue().asText());
      } else {
        problems.add(where + ".parameters." + e.getKey() + " must be a string or a number");
      }
    });
    if (id == null || type == null) {
      return;
    }
    try {
      RuleScope scope = new RuleScope(strings(scopeNode.path("repositories"), where + ".scope.repositories"),
          strings(scopeNode.path("workflows"), where + ".scope.workflows"),
          strings(scopeNode.path("branches"), where + ".scope.branches"));
      rules.add(AlertRules.create(type, id, scope, receivers, parameters));
    } catch (IllegalArgumentException e) {
      problems.add(where + ": " + e.getMessage());
    }
  }

  private void receiver(JsonNode node, String where, List<Receiver> receivers) {
    if (!node.isObject()) {
      problems.add(where + " must be an object");
      return;
    }
    fields(node, RECEIVER, where + ".");
    String id = text(node.path("id"), where + ".id");
    String channel = text(node.path("channel"), where + ".channel");
    JsonNode sendResolved = node.path("sendResolved");
    if (!sendResolved.isMissingNode() && !sendResolved.isBoolean()) {
      problems.add(where + ".sendResolved must be true or false");
    }
    @Nullable QuietHours quiet = null;
    JsonNode q = node.path("quietHours");
    if (q.isObject()) {
      fields(q, QUIET, where + ".quietHours.");
      try {
        quiet = QuietHours.of(q.path("zone").asText(), q.path("start").asText(), q.path("end").asText());
      } catch (DateTimeException | IllegalArgumentException e) {
        problems.add(where + ".quietHours must have an IANA zone and HH:MM start and end: " + e.getMessage());
      }
    } else if (!q.isMissingNode() && !q.isNull()) {
      problems.add(where + ".quietHours must be an object or null");
    }
    if (id != null && channel != null) {
      try {
        receivers.add(new Receiver(id, channel, sendResolved.asBoolean(true), quiet));
      } catch (IllegalArgumentException e) {
        problems.add(where + ": " + e.getMessage());
      }
    }
  }

  private void fields(JsonNode node, Set<String> allowed, String prefix) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        problems.add(prefix + name + " is not a known field (known: " + allowed.stream().sorted().toList() + ")");
      }
    }
  }

  private JsonNode array(JsonNode node, String where, int max) {
    if (node.isMissingNode()) {
      return EMPTY;
    }
    if (!node.isArray()) {
      problems.add(where + " must be an array");
      return EMPTY;
    }
    if (node.size() > max) {
      problems.add(where + " must have at most " + max + " entries, but had " + node.size());
      return EMPTY;
    }
    return node;
  }

  private List<String> strings(JsonNode node, String where) {
    List<String> values = new ArrayList<>();
    if (node.isMissingNode() || node.isNull()) {
      return values;
    }
    if (!node.isArray()) {
      problems.add(where + " must be an array of strings");
      return values;
    }
    node.forEach(v -> {
      if (v.isTextual()) {
        values.add(v.asText());
      } else {
        problems.add(where + " must contain strings only");
      }
    });
    return values;
  }

  private @Nullable String text(JsonNode node, String where) {
    if (!node.isTextual() || node.asText().isBlank()) {
      problems.add(where + " is required and must be a non-empty string");
      return null;
    }
    return node.asText();
  }

  private Duration duration(JsonNode node, String where, Duration fallback) {
    if (node.isMissingNode() || node.isNull()) {
      return fallback;
    }
    try {
      return Duration.parse(node.asText());
    } catch (DateTimeException e) {
      problems.add(where + " must be an ISO-8601 duration such as PT30S, but was '" + node.asText() + "'");
      return fallback;
    }
  }
}
