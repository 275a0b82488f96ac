-- cicd-store-jpa schema, version 2: alerting state of JpaAlertStore. One script for H2 and PostgreSQL.
-- ${prefix} is the configured table prefix (default "cicd_").
--
-- Conventions (as in V1)
--   * Every instant is a BIGINT of nanoseconds since 1970-01-01T00:00:00Z.
--   * Durations and local times are ISO-8601 text (Duration.toString(), LocalTime.toString()), which
--     parse back to the identical value.
--   * Enum values are lower-case names: states "firing", outbox statuses "pending", kinds "resolved".
--   * Text from providers and users is stored as given (NUL characters removed, since PostgreSQL
--     rejects them). Text columns are VARCHAR(100000), except the indexed ones: keys, fingerprints and
--     silence ids hold up to 500 characters, group keys 500, channel ids 200 (so that a PostgreSQL
--     index entry stays below its 2,704-byte limit whatever the characters).

-- Configuration: exactly one row (id = 1), created here with saved = FALSE (no configuration yet).
-- Saving updates this row first, which locks it, so concurrent saves never interleave.
CREATE TABLE ${prefix}alert_config (
    id                INTEGER       NOT NULL,
    saved             BOOLEAN       NOT NULL,
    group_wait        VARCHAR(64),
    repeat_interval   VARCHAR(64),
    version           BIGINT        NOT NULL,
    CONSTRAINT ${prefix}alert_config_pk PRIMARY KEY (id),
    CONSTRAINT ${prefix}alert_config_single_ck CHECK (id = 1)
);
INSERT INTO ${prefix}alert_config (id, saved, group_wait, repeat_interval, version) VALUES (1, FALSE, NULL, NULL, 0);

-- Rules in configuration order. A rule is stored as plain data (type, id, scope, receivers and the
-- text parameters of AlertRule.parameters()) and read back through AlertRules.create.
CREATE TABLE ${prefix}alert_rule (
    rule_id           VARCHAR(200)  NOT NULL,
    position          INTEGER       NOT NULL,
    rule_type         VARCHAR(64)   NOT NULL,
    CONSTRAINT ${prefix}alert_rule_pk PRIMARY KEY (rule_id)
);
-- Scope globs; scope_field is 'repository', 'workflow' or 'branch'.
CREATE TABLE ${prefix}alert_rule_scope (
    rule_id           VARCHAR(200)  NOT NULL,
    scope_field       VARCHAR(16)   NOT NULL,
    position          INTEGER       NOT NULL,
    glob              VARCHAR(100000) NOT NULL,
    CONSTRAINT ${prefix}alert_rule_scope_pk PRIMARY KEY (rule_id, scope_field, position),
    CONSTRAINT ${prefix}alert_rule_scope_fk FOREIGN KEY (rule_id) REFERENCES ${prefix}alert_rule (rule_id)
        ON DELETE CASCADE
);
CREATE TABLE ${prefix}alert_rule_receiver (
    rule_id           VARCHAR(200)  NOT NULL,
    position          INTEGER       NOT NULL,
    receiver_id       VARCHAR(200)  NOT NULL,
    CONSTRAINT ${prefix}alert_rule_receiver_pk PRIMARY KEY (rule_id, position),
    CONSTRAINT ${prefix}alert_rule_receiver_fk FOREIGN KEY (rule_id) REFERENCES ${prefix}alert_rule (rule_id)
        ON DELETE CASCADE
);
CREATE TABLE ${prefix}alert_rule_param (
    rule_id           VARCHAR(200)  NOT NULL,
    name              VARCHAR(200)  NOT NULL,
    param_value       VARCHAR(100000) NOT NULL,
    CONSTRAINT ${prefix}alert_rule_param_pk PRIMARY KEY (rule_id, name),
    CONSTRAINT ${prefix}alert_rule_param_fk FOREIGN KEY (rule_id) REFERENCES ${prefix}alert_rule (rule_id)
        ON DELETE CASCADE
);
-- Receivers in configuration order; quiet hours are absent when quiet_zone is NULL.
CREATE TABLE ${prefix}alert_receiver (
    receiver_id       VARCHAR(200)  NOT NULL,
    position          INTEGER       NOT NULL,
    channel           VARCHAR(200)  NOT NULL,
    send_resolved     BOOLEAN       NOT NULL,
    quiet_zone        VARCHAR(200),
    quiet_start       VARCHAR(32),
    quiet_end         VARCHAR(32),
    CONSTRAINT ${prefix}alert_receiver_pk PRIMARY KEY (receiver_id)
);

-- Alert instances by fingerprint, with an optimistic version (commit checks and bumps it).
CREATE TABLE ${prefix}alert_instance (
    fingerprint       VARCHAR(500)  NOT NULL,
    rule_id           VARCHAR(100000) NOT NULL,
    rule_type         VARCHAR(100000) NOT NULL,
    repository        VARCHAR(100000) NOT NULL,
    workflow          VARCHAR(100000) NOT NULL,
    branch            VARCHAR(100000) NOT NULL,
    state             VARCHAR(16)   NOT NULL,
    since             BIGINT        NOT NULL,
    episode           BIGINT        NOT NULL,
    fired_at          BIGINT,
    last_notified_at  BIGINT,
    notice_seq        INTEGER       NOT NULL,
    thread_root_ref   VARCHAR(100000),
    last_notice_ref   VARCHAR(100000),
    last_event_key    VARCHAR(100000),
    summary           VARCHAR(100000) NOT NULL,
    build_id          VARCHAR(100000),
    commit_sha        VARCHAR(100000),
    version           BIGINT        NOT NULL,
    CONSTRAINT ${prefix}alert_instance_pk PRIMARY KEY (fingerprint)
);
CREATE INDEX ${prefix}alert_instance_state_ix ON ${prefix}alert_instance (state, since, fingerprint);

-- Transition history, append-only; id gives the commit order (newest = highest id).
CREATE TABLE ${prefix}alert_transition (
    id                BIGINT GENERATED BY DEFAULT AS IDENTITY,
    fingerprint       VARCHAR(500)  NOT NULL,
    rule_id           VARCHAR(100000) NOT NULL,
    repository        VARCHAR(100000) NOT NULL,
    workflow          VARCHAR(100000) NOT NULL,
    branch            VARCHAR(100000) NOT NULL,
    from_state        VARCHAR(16)   NOT NULL,
    to_state          VARCHAR(16)   NOT NULL,
    episode           BIGINT        NOT NULL,
    changed_at        BIGINT        NOT NULL,
    reason            VARCHAR(100000) NOT NULL,
    build_id          VARCHAR(100000),
    CONSTRAINT ${prefix}alert_transition_pk PRIMARY KEY (id)
);
CREATE INDEX ${prefix}alert_transition_fp_ix ON ${prefix}alert_transition (fingerprint, id);

-- Notification outbox: one row per notification and receiver, keyed by its idempotency key. The
-- item_* columns hold the NotificationItem, so a restarted dispatcher can send the row as it was queued.
-- A row is leased while lease_owner is set and lease_until lies after the claim time.
CREATE TABLE ${prefix}alert_outbox (
    outbox_key        VARCHAR(500)  NOT NULL,
    channel_id        VARCHAR(200)  NOT NULL,
    receiver_id       VARCHAR(100000) NOT NULL,
    group_key         VARCHAR(500),
    depends_on        VARCHAR(100000),
    thread_root_key   VARCHAR(100000),
    previous_key      VARCHAR(100000),
    status            VARCHAR(16)   NOT NULL,
    attempts          INTEGER       NOT NULL,
    created_at        BIGINT        NOT NULL,
    next_attempt_at   BIGINT        NOT NULL,
    last_attempt_at   BIGINT,
    last_error        VARCHAR(100000),
    lease_owner       VARCHAR(100000),
    lease_until       BIGINT,
    item_kind         VARCHAR(16)   NOT NULL,
    item_fingerprint  VARCHAR(100000) NOT NULL,
    item_episode      BIGINT        NOT NULL,
    item_rule_id      VARCHAR(100000) NOT NULL,
    item_rule_type    VARCHAR(100000) NOT NULL,
    item_repository   VARCHAR(100000) NOT NULL,
    item_workflow     VARCHAR(100000) NOT NULL,
    item_branch       VARCHAR(100000) NOT NULL,
    item_summary      VARCHAR(100000) NOT NULL,
    item_since        BIGINT        NOT NULL,
    item_build_id     VARCHAR(100000),
    item_run_number   BIGINT,
    item_commit_sha   VARCHAR(100000),
    item_commit_title VARCHAR(100000),
    item_actor        VARCHAR(100000),
    item_duration_ms  BIGINT,
    item_build_url    VARCHAR(100000),
    CONSTRAINT ${prefix}alert_outbox_pk PRIMARY KEY (outbox_key)
);
-- claimDue: pending rows in due order (per channel or all).
CREATE INDEX ${prefix}alert_outbox_due_ix ON ${prefix}alert_outbox (status, next_attempt_at, created_at);
CREATE INDEX ${prefix}alert_outbox_channel_ix ON ${prefix}alert_outbox (channel_id, status, next_attempt_at);
-- Listing newest first, all rows or per status.
CREATE INDEX ${prefix}alert_outbox_created_ix ON ${prefix}alert_outbox (created_at);
CREATE INDEX ${prefix}alert_outbox_status_ix ON ${prefix}alert_outbox (status, created_at);
-- groupRelease.
CREATE INDEX ${prefix}alert_outbox_group_ix ON ${prefix}alert_outbox (group_key, status);

-- Silences and their matchers (in order); matcher_field is 'rule', 'repository', 'workflow' or 'branch'.
CREATE TABLE ${prefix}alert_silence (
    silence_id        VARCHAR(500)  NOT NULL,
    starts_at         BIGINT        NOT NULL,
    ends_at           BIGINT        NOT NULL,
    author            VARCHAR(100000) NOT NULL,
    reason            VARCHAR(100000) NOT NULL,
    created_at        BIGINT        NOT NULL,
    CONSTRAINT ${prefix}alert_silence_pk PRIMARY KEY (silence_id)
);
CREATE INDEX ${prefix}alert_silence_created_ix ON ${prefix}alert_silence (created_at);
CREATE TABLE ${prefix}alert_silence_matcher (
    silence_id        VARCHAR(500)  NOT NULL,
    position          INTEGER       NOT NULL,
    matcher_field     VARCHAR(16)   NOT NULL,
    pattern           VARCHAR(100000) NOT NULL,
    CONSTRAINT ${prefix}alert_silence_matcher_pk PRIMARY KEY (silence_id, position),
    CONSTRAINT ${prefix}alert_silence_matcher_fk FOREIGN KEY (silence_id)
        REFERENCES ${prefix}alert_silence (silence_id) ON DELETE CASCADE
);
