package dev.cicd.http.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cicd.core.alert.AlertConfig;
import dev.cicd.core.alert.AlertInstance;
import dev.cicd.core.alert.AlertRule;
import dev.cicd.core.alert.AlertSinkHealth;
import dev.cicd.core.alert.AlertTransition;
import dev.cicd.core.alert.Receiver;
import dev.cicd.core.alert.Silence;
import java.util.List;
import java.util.Locale;

/**
 * The JSON shape of alerts, their history, silences, channels and the configuration. The
 * configuration is written in the same shape {@code POST api/alerts/configure} reads. Channel
 * secrets (webhook URLs, passwords) are never part of it: channels are configured in code.
 */
public final class AlertJson {
  private final Json json;

  public AlertJson(Json json) {
    this.json = json;
  }

  public ObjectNode instance(AlertInstance a) {
    ObjectNode node = json.object();
    node.put("fingerprint", a.fingerprint());
    node.put("ruleId", a.ruleId());
    node.put("ruleType", a.ruleType());
    node.put("repository", a.repository());
    node.put("workflow", a.workflow());
    node.put("branch", a.branch());
    node.put("state", lower(a.state().name()));
    node.put("since", Json.time(a.since()));
    node.put("episode", a.episode());
    node.put("firedAt", Json.time(a.firedAt()));
    node.put("lastNotifiedAt", Json.time(a.lastNotifiedAt()));
    node.put("summary", a.summary());
    node.put("buildId", a.buildId());
    node.put("commitSha", a.commitSha());
    return node;
  }

  public ObjectNode transition(AlertTransition t) {
    ObjectNode node = json.object();
    node.put("fingerprint", t.fingerprint());
    node.put("ruleId", t.ruleId());
    node.put("repository", t.repository());
    node.put("workflow", t.workflow());
    node.put("branch", t.branch());
    node.put("from", lower(t.from().name()));
    node.put("to", lower(t.to().name()));
    node.put("episode", t.episode());
    node.put("at", Json.time(t.at()));
    node.put("reason", t.reason());
    node.put("buildId", t.buildId());
    return node;
  }

  public ObjectNode silence(Silence s) {
    ObjectNode node = json.object();
    node.put("id", s.id());
    ArrayNode matchers = node.putArray("matchers");
    s.matchers().forEach(m -> matchers.addObject().put("field", lower(m.field().name())).put("pattern", m.pattern()));
    node.put("startsAt", Json.time(s.startsAt()));
    node.put("endsAt", Json.time(s.endsAt()));
    node.put("author", s.author());
    node.put("reason", s.reason());
    return node;
  }

  public ObjectNode channel(AlertSinkHealth h) {
    ObjectNode node = json.object();
    node.put("id", h.channelId());
    node.put("type", h.type());
    node.put("status", lower(h.status().name()));
    node.put("detail", h.detail());
    node.put("since", Json.time(h.since()));
    return node;
  }

  public ObjectNode config(AlertConfig config) {
    ObjectNode node = json.object();
    ArrayNode rules = node.putArray("rules");
    config.rules().forEach(r -> rules.add(rule(r)));
    ArrayNode receivers = node.putArray("receivers");
    config.receivers().forEach(r -> receivers.add(receiver(r)));
    node.put("groupWait", config.groupWait().toString());
    node.put("repeatInterval", config.repeatInterval().toString());
    return node;
  }

  private ObjectNode rule(AlertRule rule) {
    ObjectNode node = json.object();
    node.put("id", rule.id());
    node.put("type", rule.type());
    ObjectNode scope = node.putObject("scope");
    strings(scope.putArray("repositories"), rule.scope().repositories());
    strings(scope.putArray("workflows"), rule.scope().workflows());
    strings(scope.putArray("branches"), rule.scope().branches());
    strings(node.putArray("receivers"), rule.receivers());
    ObjectNode parameters = node.putObject("parameters");
    rule.parameters().forEach(parameters::put);
    return node;
  }

  private ObjectNode receiver(Receiver receiver) {
    ObjectNode node = json.object();
    node.put("id", receiver.id());
    node.put("channel", receiver.channel());
    node.put("sendResolved", receiver.sendResolved());
    if (receiver.quietHours() == null) {
      node.putNull("quietHours");
    } else {
      node.putObject("quietHours").put("zone", receiver.quietHours().zone().getId())
          .put("start", receiver.quietHours().start().toString()).put("end", receiver.quietHours().end().toString());
    }
    return node;
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
