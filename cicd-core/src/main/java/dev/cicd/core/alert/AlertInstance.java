package dev.cicd.core.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One alert instance: a rule applied to one (repository, workflow, branch). Identified by its stable
 * {@link #fingerprint(String, String, String, String) fingerprint}; "" stands for a part that does not
 * apply (system alerts have no workflow or branch).
 *
 * @param since when the current state was entered
 * @param episode number of the current (or last) pending/firing episode, from 1; 0 before the first
 * @param firedAt when the current episode started firing; null unless it fired
 * @param lastNotifiedAt when a firing or reminder notification was last queued (drives reminders)
 * @param noticeSeq how many notices were queued for this fingerprint, over all episodes
 * @param threadRootRef reference ({@code episode.kind.seq}) of the first notice ever queued; threads
 *     every later message to it
 * @param lastNoticeRef reference of the most recent notice
 * @param lastEventKey the build (id and attempt) that caused the last notice, so one build never
 *     notifies twice
 * @param summary the rule's latest description of the condition, for example "3 consecutive failures"
 * @param buildId string form of the build the last evaluation was about, if any
 * @param version store version, 0 for an instance never stored
 */
public record AlertInstance(
    String fingerprint,
    String ruleId,
    String ruleType,
    String repository,
    String workflow,
    String branch,
    AlertState state,
    Instant since,
    long episode,
    @Nullable Instant firedAt,
    @Nullable Instant lastNotifiedAt,
    int noticeSeq,
    @Nullable String threadRootRef,
    @Nullable String lastNoticeRef,
    @Nullable String lastEventKey,
    String summary,
    @Nullable String buildId,
    @Nullable String commitSha,
    long version) {

  public AlertInstance {
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(ruleType, "ruleType");
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(workflow, "workflow");
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(summary, "summary");
  }

  /** A new, never stored, inactive instance. */
  public static AlertInstance inactive(String ruleId, String ruleType, String repository, String workflow,
      String branch, Instant now) {
    return new AlertInstance(fingerprint(ruleId, repository, workflow, branch), ruleId, ruleType, repository,
        workflow, branch, AlertState.INACTIVE, now, 0, null, null, 0, null, null, null, "", null, null, 0);
  }

  /**
   * {@code sha256(ruleId, repository, workflow, branch)} as 64 lower-case hex digits. Each part is
   * length-prefixed so different splits never collide. Stable across restarts and rule edits.
   */
  public static String fingerprint(String ruleId, String repository, String workflow, String branch) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (String part : new String[] {ruleId, repository, workflow, branch}) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        digest.update(bytes);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  public AlertInstance withVersion(long newVersion) {
    return new AlertInstance(fingerprint, ruleId, ruleType, repository, workflow, branch, state, since, episode,
        firedAt, lastNotifiedAt, noticeSeq, threadRootRef, lastNoticeRef, lastEventKey, summary, buildId,
        commitSha, newVersion);
  }

  /** A copy in another state, entered at {@code at}, in episode {@code newEpisode}. */
  public AlertInstance moveTo(AlertState newState, Instant at, long newEpisode, @Nullable Instant newFiredAt) {
    return new AlertInstance(fingerprint, ruleId, ruleType, repository, workflow, branch, newState, at, newEpisode,
        newFiredAt, lastNotifiedAt, noticeSeq, threadRootRef, lastNoticeRef, lastEventKey, summary, buildId,
        commitSha, version);
  }

  /** A copy describing the latest evaluation. */
  public AlertInstance describe(String newSummary, @Nullable String newBuildId, @Nullable String newCommitSha) {
    return new AlertInstance(fingerprint, ruleId, ruleType, repository, workflow, branch, state, since, episode,
        firedAt, lastNotifiedAt, noticeSeq, threadRootRef, lastNoticeRef, lastEventKey, newSummary, newBuildId,
        newCommitSha, version);
  }

  /** A copy that records a queued notice with reference {@code ref}. */
  public AlertInstance noticed(String ref, @Nullable Instant notifiedAt, @Nullable String eventKey) {
    return new AlertInstance(fingerprint, ruleId, ruleType, repository, workflow, branch, state, since, episode,
        firedAt, notifiedAt == null ? lastNotifiedAt : notifiedAt, noticeSeq + 1,
        threadRootRef == null ? ref : threadRootRef, ref, eventKey == null ? lastEventKey : eventKey, summary,
        buildId, commitSha, version);
  }
}
