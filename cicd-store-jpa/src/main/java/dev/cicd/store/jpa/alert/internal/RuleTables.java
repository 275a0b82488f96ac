package dev.cicd.store.jpa.alert.internal;

import dev.cicd.core.alert.AlertRule;
import dev.cicd.core.alert.AlertRules;
import dev.cicd.core.alert.RuleScope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rules as plain data: {@code alert_rule} (id, type, position), {@code alert_rule_scope} (globs per
 * field), {@code alert_rule_receiver} and {@code alert_rule_param} (the text parameters of
 * {@link AlertRule#parameters()}). Loading rebuilds each rule with {@link AlertRules#create}.
 */
final class RuleTables {
  private static final String REPOSITORY = "repository";
  private static final String WORKFLOW = "workflow";
  private static final String BRANCH = "branch";

  private final AlertDb db;

  RuleTables(AlertDb db) {
    this.db = db;
  }

  void deleteAll(Connection c) throws SQLException {
    for (String table : List.of("alert_rule_scope", "alert_rule_receiver", "alert_rule_param", "alert_rule")) {
      ConfigTables.execute(c, "DELETE FROM " + db.table(table));
    }
  }

  void insert(Connection c, List<AlertRule> rules) throws SQLException {
    try (PreparedStatement rule = c.prepareStatement("INSERT INTO " + db.table("alert_rule")
            + " (rule_id, position, rule_type) VALUES (?, ?, ?)");
        PreparedStatement scope = c.prepareStatement("INSERT INTO " + db.table("alert_rule_scope")
            + " (rule_id, scope_field, position, glob) VALUES (?, ?, ?, ?)");
        PreparedStatement receiver = c.prepareStatement("INSERT INTO " + db.table("alert_rule_receiver")
            + " (rule_id, position, receiver_id) VALUES (?, ?, ?)");
        PreparedStatement param = c.prepareStatement("INSERT INTO " + db.table("alert_rule_param")
            + " (rule_id, name, param_value) VALUES (?, ?, ?)")) {
      int position = 0;
      for (AlertRule r : rules) {
        Args.of(rule).text(r.id()).integer(position++).text(r.type());
        rule.addBatch();
        addGlobs(scope, r.id(), REPOSITORY, r.scope().repositories());
        addGlobs(scope, r.id(), WORKFLOW, r.scope().workflows());
        addGlobs(scope, r.id(), BRANCH, r.scope().branches());
        int receiverPosition = 0;
        for (String id : r.receivers()) {
          Args.of(receiver).text(r.id()).integer(receiverPosition++).text(id);
          receiver.addBatch();
        }
        for (Map.Entry<String, String> p : r.parameters().entrySet()) {
          Args.of(param).text(r.id()).text(p.getKey()).text(p.getValue());
          param.addBatch();
        }
      }
      rule.executeBatch();
      scope.executeBatch();
      receiver.executeBatch();
      param.executeBatch();
    }
  }

  private static void addGlobs(PreparedStatement scope, String ruleId, String field, List<String> globs)
      throws SQLException {
    int position = 0;
    for (String glob : globs) {
      Args.of(scope).text(ruleId).text(field).integer(position++).text(glob);
      scope.addBatch();
    }
  }

  List<AlertRule> load(Connection c) throws SQLException {
    Map<String, String> types = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT rule_id, rule_type FROM " + db.table("alert_rule")
        + " ORDER BY position"); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        types.put(Columns.text(rs, "rule_id"), Columns.text(rs, "rule_type"));
      }
    }
    Map<String, Map<String, List<String>>> globs = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT rule_id, scope_field, glob FROM "
        + db.table("alert_rule_scope") + " ORDER BY rule_id, scope_field, position");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        globs.computeIfAbsent(Columns.text(rs, "rule_id"), k -> new HashMap<>())
            .computeIfAbsent(Columns.text(rs, "scope_field"), k -> new ArrayList<>()).add(Columns.text(rs, "glob"));
      }
    }
    Map<String, List<String>> receivers = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT rule_id, receiver_id FROM "
        + db.table("alert_rule_receiver") + " ORDER BY rule_id, position"); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        receivers.computeIfAbsent(Columns.text(rs, "rule_id"), k -> new ArrayList<>())
            .add(Columns.text(rs, "receiver_id"));
      }
    }
    Map<String, Map<String, String>> params = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT rule_id, name, param_value FROM "
        + db.table("alert_rule_param")); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        params.computeIfAbsent(Columns.text(rs, "rule_id"), k -> new HashMap<>())
            .put(Columns.text(rs, "name"), Columns.text(rs, "param_value"));
      }
    }
    List<AlertRule> rules = new ArrayList<>();
    for (Map.Entry<String, String> entry : types.entrySet()) {
      String id = entry.getKey();
      Map<String, List<String>> scope = globs.getOrDefault(id, Map.of());
      try {
        rules.add(AlertRules.create(entry.getValue(), id, new RuleScope(scope.getOrDefault(REPOSITORY, List.of()),
            scope.getOrDefault(WORKFLOW, List.of()), scope.getOrDefault(BRANCH, List.of())),
            receivers.getOrDefault(id, List.of()), params.getOrDefault(id, Map.of())));
      } catch (RuntimeException e) {
        throw new SQLException("stored alert rule '" + id + "' is not valid: " + e.getMessage(), e);
      }
    }
    return rules;
  }
}
