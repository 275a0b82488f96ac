-- cicd-store-jpa schema, version 1. One script for H2 and PostgreSQL.
-- ${prefix} is the configured table prefix (default "cicd_").
--
-- Conventions
--   * Every instant is a BIGINT of nanoseconds since 1970-01-01T00:00:00Z (exact for java.time.Instant
--     between the years 1677 and 2262; PostgreSQL timestamps keep microseconds only).
--   * Statuses and conclusions are GitHub's lower-case wire names ("in_progress", "timed_out").
--   * Provider text is cleaned and length-limited by cicd-core (names 1,000 chars, long text 4,000);
--     long strings are never indexed directly: filters and groupings use ids from ${prefix}term.
--   * Listing order is created_at, run_id, repository (UTF-16 code units), provider, all descending;
--     sort_key holds UTF-16BE(repository) || 0x0000 || UTF-16BE(provider), whose unsigned byte order
--     equals that order on both databases whatever their collation.

-- Interned strings (repositories, workflow names, branches, events, providers): small ids for indexes.
-- Entries are immutable and shared by every build that uses the string. hash = first 8 bytes of the
-- SHA-256 of the string as UTF-16BE code units.
CREATE SEQUENCE ${prefix}term_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE ${prefix}term (
    id    BIGINT        NOT NULL,
    kind  VARCHAR(16)   NOT NULL,
    hash  BIGINT        NOT NULL,
    term  VARCHAR(4000) NOT NULL,
    CONSTRAINT ${prefix}term_pk PRIMARY KEY (id),
    CONSTRAINT ${prefix}term_uk UNIQUE (kind, hash)
);

CREATE SEQUENCE ${prefix}build_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE ${prefix}build (
    id                BIGINT        NOT NULL,
    provider          VARCHAR(32)   NOT NULL,
    repository        VARCHAR(200)  NOT NULL,
    run_id            BIGINT        NOT NULL,
    version           BIGINT        NOT NULL,
    workflow_id       BIGINT,
    workflow_name     VARCHAR(4000) NOT NULL,
    workflow_path     VARCHAR(4000),
    run_number        BIGINT        NOT NULL,
    branch            VARCHAR(1000),
    commit_sha        VARCHAR(1000),
    commit_key        BIGINT,
    event             VARCHAR(1000),
    actor             VARCHAR(1000),
    title             VARCHAR(4000),
    url               VARCHAR(4000),
    created_at        BIGINT        NOT NULL,
    head_commit_at    BIGINT,
    pull_requests     VARCHAR(100000) NOT NULL,
    -- Derived from the latest attempt (what listings, filters and metrics read):
    status            VARCHAR(16)   NOT NULL,
    conclusion        VARCHAR(16),
    started_at        BIGINT,
    completed_at      BIGINT,
    duration_ms       BIGINT,
    attempt_number    INTEGER       NOT NULL,
    -- Attempt outcomes, bounded to 21 characters whatever the number of attempts: first the conclusion
    -- code of attempt 1 whatever its status ('-' none, '.' attempt 1 unknown), then the codes of the
    -- completed attempts in attempt order, keeping only the first and the last occurrence of each code
    -- ('_' completed without conclusion). That keeps every "code A before code B" relation, so flaky
    -- builds and first-attempt success can be computed for any OutcomePolicy; the last character is
    -- the latest attempt's conclusion when it completed. Codes: s success, f failure, n neutral,
    -- c cancelled, k skipped, t timed_out, a action_required, e stale, u startup_failure.
    attempt_outcomes  VARCHAR(32)   NOT NULL,
    -- Interned ids (${prefix}term) of the filter and grouping strings:
    provider_term     BIGINT        NOT NULL,
    repository_term   BIGINT        NOT NULL,
    workflow_term     BIGINT        NOT NULL,
    branch_term       BIGINT        NOT NULL,
    event_term        BIGINT        NOT NULL,
    sort_key          BYTEA         NOT NULL,
    CONSTRAINT ${prefix}build_pk PRIMARY KEY (id),
    CONSTRAINT ${prefix}build_uk UNIQUE (provider, repository, run_id)
);
-- Newest-first listing with a cursor, unfiltered and per filter.
CREATE INDEX ${prefix}build_list_ix ON ${prefix}build (created_at DESC, run_id DESC, sort_key DESC);
CREATE INDEX ${prefix}build_list_repo_ix ON ${prefix}build (repository_term, created_at DESC, run_id DESC);
CREATE INDEX ${prefix}build_list_workflow_ix ON ${prefix}build (workflow_term, created_at DESC, run_id DESC);
CREATE INDEX ${prefix}build_list_branch_ix ON ${prefix}build (branch_term, created_at DESC, run_id DESC);
CREATE INDEX ${prefix}build_list_status_ix ON ${prefix}build (status, created_at DESC, run_id DESC);
CREATE INDEX ${prefix}build_list_conclusion_ix ON ${prefix}build (conclusion, created_at DESC, run_id DESC);
CREATE INDEX ${prefix}build_list_event_ix ON ${prefix}build (event_term, created_at DESC, run_id DESC);
-- Metrics window: covering index on completion time, in (completed_at, run_id) order (the MTTR sequence
-- order), so a summary reads only its window with an index-only scan.
CREATE INDEX ${prefix}build_window_ix ON ${prefix}build (completed_at, run_id, repository_term, workflow_term,
    branch_term, provider_term, duration_ms, attempt_number, attempt_outcomes);
-- MTTR: one failure/success sequence per (provider, repository, workflow, branch), read backwards from a
-- window's start only as far as the latest success before it.
CREATE INDEX ${prefix}build_sequence_ix ON ${prefix}build (repository_term, workflow_term, branch_term, provider_term,
    completed_at, run_id, conclusion);
-- DORA lead time: earliest head-commit time of a commit (commit_key = hash of commit_sha).
CREATE INDEX ${prefix}build_commit_ix ON ${prefix}build (repository_term, commit_key, head_commit_at);

-- The earliest completion time ever saved per MTTR sequence (provider, repository, workflow, branch).
-- Only ever lowered, written before the build itself, so it is never later than any stored build of the
-- sequence: a summary knows that a sequence first completed inside its window has no earlier builds.
CREATE TABLE ${prefix}build_sequence (
    repository_term     BIGINT      NOT NULL,
    workflow_term       BIGINT      NOT NULL,
    branch_term         BIGINT      NOT NULL,
    provider_term       BIGINT      NOT NULL,
    first_completed_at  BIGINT      NOT NULL,
    CONSTRAINT ${prefix}build_sequence_pk PRIMARY KEY (repository_term, workflow_term, branch_term, provider_term)
);
CREATE INDEX ${prefix}build_sequence_first_ix ON ${prefix}build_sequence (first_completed_at, repository_term,
    workflow_term, branch_term, provider_term);

CREATE SEQUENCE ${prefix}attempt_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE ${prefix}attempt (
    id                BIGINT        NOT NULL,
    build_id          BIGINT        NOT NULL,
    number            INTEGER       NOT NULL,
    status            VARCHAR(16)   NOT NULL,
    conclusion        VARCHAR(16),
    started_at        BIGINT,
    updated_at        BIGINT,
    completed_at      BIGINT,
    triggering_actor  VARCHAR(1000),
    placeholder       BOOLEAN       NOT NULL,
    CONSTRAINT ${prefix}attempt_pk PRIMARY KEY (id),
    CONSTRAINT ${prefix}attempt_uk UNIQUE (build_id, number),
    CONSTRAINT ${prefix}attempt_build_fk FOREIGN KEY (build_id) REFERENCES ${prefix}build (id) ON DELETE CASCADE
);

CREATE SEQUENCE ${prefix}job_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE ${prefix}job (
    id                    BIGINT        NOT NULL,
    build_id              BIGINT        NOT NULL,
    attempt               INTEGER       NOT NULL,
    job_id                BIGINT        NOT NULL,
    name                  VARCHAR(1000) NOT NULL,
    status                VARCHAR(16)   NOT NULL,
    conclusion            VARCHAR(16),
    created_at            BIGINT,
    started_at            BIGINT,
    completed_at          BIGINT,
    runner_name           VARCHAR(1000),
    runner_group          VARCHAR(1000),
    -- Labels as <length>:<label> pairs, e.g. "6:ubuntu4:gpu2".
    labels                VARCHAR(100000) NOT NULL,
    url                   VARCHAR(4000),
    -- Derived: startedAt - createdAt in ms (never negative), null if the job never started.
    queue_ms              BIGINT,
    -- Copies of the build's completion time and filter ids, for queue statistics of a window.
    build_completed_at    BIGINT,
    repository_term       BIGINT        NOT NULL,
    workflow_term         BIGINT        NOT NULL,
    branch_term           BIGINT        NOT NULL,
    CONSTRAINT ${prefix}job_pk PRIMARY KEY (id),
    CONSTRAINT ${prefix}job_uk UNIQUE (build_id, attempt, job_id),
    CONSTRAINT ${prefix}job_build_fk FOREIGN KEY (build_id) REFERENCES ${prefix}build (id) ON DELETE CASCADE
);
CREATE INDEX ${prefix}job_window_ix ON ${prefix}job (build_completed_at, repository_term, workflow_term, branch_term,
    queue_ms);

CREATE SEQUENCE ${prefix}step_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE ${prefix}step (
    id                BIGINT        NOT NULL,
    job_id            BIGINT        NOT NULL,
    position          INTEGER       NOT NULL,
    number            INTEGER       NOT NULL,
    name              VARCHAR(1000) NOT NULL,
    status            VARCHAR(16)   NOT NULL,
    conclusion        VARCHAR(16),
    started_at        BIGINT,
    completed_at      BIGINT,
    CONSTRAINT ${prefix}step_pk PRIMARY KEY (id),
    CONSTRAINT ${prefix}step_uk UNIQUE (job_id, position),
    CONSTRAINT ${prefix}step_job_fk FOREIGN KEY (job_id) REFERENCES ${prefix}job (id) ON DELETE CASCADE
);

CREATE SEQUENCE ${prefix}deployment_status_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE ${prefix}deployment_status (
    id                BIGINT        NOT NULL,
    provider          VARCHAR(32)   NOT NULL,
    repository        VARCHAR(200)  NOT NULL,
    status_id         BIGINT        NOT NULL,
    deployment_id     BIGINT        NOT NULL,
    environment       VARCHAR(1000) NOT NULL,
    state             VARCHAR(16)   NOT NULL,
    sha               VARCHAR(1000),
    ref               VARCHAR(1000),
    created_at        BIGINT        NOT NULL,
    creator           VARCHAR(1000),
    url               VARCHAR(4000),
    CONSTRAINT ${prefix}deployment_status_pk PRIMARY KEY (id),
    CONSTRAINT ${prefix}deployment_status_uk UNIQUE (provider, repository, status_id)
);
CREATE INDEX ${prefix}deployment_status_time_ix ON ${prefix}deployment_status (created_at);
CREATE INDEX ${prefix}deployment_status_repo_ix ON ${prefix}deployment_status (repository, created_at);

-- Webhook delivery log. hook_id is '' when the sender gave none.
CREATE TABLE ${prefix}delivery (
    hook_id           VARCHAR(200)  NOT NULL,
    delivery_id       VARCHAR(200)  NOT NULL,
    received_at       BIGINT        NOT NULL,
    outcome           VARCHAR(32)   NOT NULL,
    CONSTRAINT ${prefix}delivery_pk PRIMARY KEY (hook_id, delivery_id)
);
CREATE INDEX ${prefix}delivery_received_ix ON ${prefix}delivery (received_at);

-- Leases: one instance at a time does a named job (polling, alert delivery) until expires_at.
CREATE TABLE ${prefix}lease (
    name              VARCHAR(200)  NOT NULL,
    owner             VARCHAR(200)  NOT NULL,
    acquired_at       BIGINT        NOT NULL,
    expires_at        BIGINT        NOT NULL,
    version           BIGINT        NOT NULL,
    CONSTRAINT ${prefix}lease_pk PRIMARY KEY (name)
);

-- Settings: small named values (for example alert configuration as JSON).
CREATE TABLE ${prefix}setting (
    name              VARCHAR(200)  NOT NULL,
    setting_value     VARCHAR(1000000) NOT NULL,
    updated_at        BIGINT        NOT NULL,
    version           BIGINT        NOT NULL,
    CONSTRAINT ${prefix}setting_pk PRIMARY KEY (name)
);
