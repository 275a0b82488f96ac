package dev.cicd.store.jpa.internal;

import dev.cicd.core.build.BuildStatus;
import dev.cicd.core.build.Conclusion;
import dev.cicd.core.build.Step;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A job's steps in one text column of its row ({@code job.steps}, schema version 3), in step order:
 * {@code <number>;<status>;<conclusion>;<started_at>;<completed_at>;<name length>:<name>} per step, with
 * status and conclusion as wire names, times as nanoseconds since the epoch, absent values empty, and the
 * name's length in UTF-16 code units (so a name may hold any character, ';' and ':' included). No steps is the
 * empty string. Example: {@code 1;completed;success;1000;2000;10:Set up job}.
 *
 * <p>Steps are only ever read with their job and never filtered on, so a row per step (two index entries
 * each, about half of all rows written per webhook delivery) bought nothing.
 */
public final class StepCodec {
  private StepCodec() {}

  public static String encode(List<Step> steps) {
    StringBuilder out = new StringBuilder(steps.size() * 64);
    for (Step step : steps) {
      append(out, step.number(), step.status().wireName(),
          step.conclusion() == null ? null : step.conclusion().wireName(), Nanos.ofNullable(step.startedAt()),
          Nanos.ofNullable(step.completedAt()), step.name());
    }
    return out.toString();
  }

  /** Appends one step in database form (the migration from step rows writes with this too). */
  public static void append(StringBuilder out, int number, String status, @Nullable String conclusion,
      @Nullable Long startedAt, @Nullable Long completedAt, String name) {
    out.append(number).append(';').append(status).append(';');
    if (conclusion != null) {
      out.append(conclusion);
    }
    out.append(';');
    if (startedAt != null) {
      out.append(startedAt.longValue());
    }
    out.append(';');
    if (completedAt != null) {
      out.append(completedAt.longValue());
    }
    out.append(';').append(name.length()).append(':').append(name);
  }

  /** @throws IllegalStateException naming the problem when {@code text} is not in this format */
  public static List<Step> decode(String text) {
    List<Step> steps = new ArrayList<>();
    int[] at = {0};
    while (at[0] < text.length()) {
      try {
        int number = Integer.parseInt(field(text, at, ';'));
        String status = field(text, at, ';');
        String conclusion = field(text, at, ';');
        String started = field(text, at, ';');
        String completed = field(text, at, ';');
        int length = Integer.parseInt(field(text, at, ':'));
        if (length < 0 || at[0] + length > text.length()) {
          throw new IllegalStateException("the name length " + length + " runs past the end");
        }
        String name = text.substring(at[0], at[0] + length);
        at[0] += length;
        steps.add(new Step(number, name, BuildStatus.fromWireName(status).orElseThrow(
            () -> new IllegalStateException("unknown status '" + status + "'")),
            conclusion.isEmpty() ? null : Conclusion.fromWireName(conclusion).orElseThrow(
                () -> new IllegalStateException("unknown conclusion '" + conclusion + "'")),
            started.isEmpty() ? null : Nanos.toInstant(Long.parseLong(started)),
            completed.isEmpty() ? null : Nanos.toInstant(Long.parseLong(completed))));
      } catch (RuntimeException e) {
        throw new IllegalStateException("Malformed steps column in the database (step " + (steps.size() + 1)
            + "): " + e.getMessage(), e);
      }
    }
    return steps;
  }

  private static String field(String text, int[] at, char end) {
    int stop = text.indexOf(end, at[0]);
    if (stop < 0) {
      throw new IllegalStateException("'" + end + "' expected after position " + at[0]);
    }
    String value = text.substring(at[0], stop);
    at[0] = stop + 1;
    return value;
  }
}
