package dev.cicd.store.jpa.alert.internal;

import dev.cicd.core.alert.NotificationItem;
import dev.cicd.core.alert.NotificationKind;
import dev.cicd.core.alert.OutboxEntry;
import dev.cicd.core.alert.OutboxStatus;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;

/** Mapping of {@link OutboxEntry} (with its {@link NotificationItem}) to the columns of {@code alert_outbox}. */
final class OutboxRows {
  static final String COLUMNS = "outbox_key, channel_id, receiver_id, group_key, depends_on, thread_root_key,"
      + " previous_key, status, attempts, created_at, next_attempt_at, last_attempt_at, last_error, lease_owner,"
      + " lease_until, item_kind, item_fingerprint, item_episode, item_rule_id, item_rule_type, item_repository,"
      + " item_workflow, item_branch, item_summary, item_since, item_build_id, item_run_number, item_commit_sha,"
      + " item_commit_title, item_actor, item_duration_ms, item_build_url";
  static final String PLACEHOLDERS = String.join(", ", Collections.nCopies(32, "?"));

  private OutboxRows() {}

  /** Binds every column of {@link #COLUMNS}, in order. */
  static void bind(PreparedStatement ps, OutboxEntry row) throws SQLException {
    NotificationItem item = row.item();
    Args.of(ps).text(row.key()).text(row.channelId()).text(row.receiverId()).text(row.groupKey())
        .text(row.dependsOn()).text(row.threadRootKey()).text(row.previousKey()).code(row.status())
        .integer(row.attempts()).time(row.createdAt()).time(row.nextAttemptAt()).time(row.lastAttemptAt())
        .text(row.lastError()).text(row.leaseOwner()).time(row.leaseUntil())
        .code(item.kind()).text(item.fingerprint()).number(item.episode()).text(item.ruleId()).text(item.ruleType())
        .text(item.repository()).text(item.workflow()).text(item.branch()).text(item.summary()).time(item.since())
        .text(item.buildId()).number(item.runNumber()).text(item.commitSha()).text(item.commitTitle())
        .text(item.actor()).number(item.durationMs()).text(item.buildUrl());
  }

  static OutboxEntry read(ResultSet rs) throws SQLException {
    NotificationItem item = new NotificationItem(Columns.code(rs, "item_kind", NotificationKind.class),
        Columns.text(rs, "item_fingerprint"), rs.getLong("item_episode"), Columns.text(rs, "item_rule_id"),
        Columns.text(rs, "item_rule_type"), Columns.text(rs, "item_repository"), Columns.text(rs, "item_workflow"),
        Columns.text(rs, "item_branch"), Columns.text(rs, "item_summary"), Columns.time(rs, "item_since"),
        Columns.optionalText(rs, "item_build_id"), Columns.optionalNumber(rs, "item_run_number"),
        Columns.optionalText(rs, "item_commit_sha"), Columns.optionalText(rs, "item_commit_title"),
        Columns.optionalText(rs, "item_actor"), Columns.optionalNumber(rs, "item_duration_ms"),
        Columns.optionalText(rs, "item_build_url"));
    return new OutboxEntry(Columns.text(rs, "outbox_key"), Columns.text(rs, "channel_id"),
        Columns.text(rs, "receiver_id"), item, Columns.optionalText(rs, "group_key"),
        Columns.optionalText(rs, "depends_on"), Columns.optionalText(rs, "thread_root_key"),
        Columns.optionalText(rs, "previous_key"), Columns.code(rs, "status", OutboxStatus.class),
        rs.getInt("attempts"), Columns.time(rs, "created_at"), Columns.time(rs, "next_attempt_at"),
        Columns.optionalTime(rs, "last_attempt_at"), Columns.optionalText(rs, "last_error"),
        Columns.optionalText(rs, "lease_owner"), Columns.optionalTime(rs, "lease_until"));
  }
}
