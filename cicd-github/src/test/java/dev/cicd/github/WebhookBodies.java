package dev.cicd.github;

/** Small hand-written payloads for edge cases the fixtures do not cover. */
final class WebhookBodies {
  private WebhookBodies() {}

  /**
   * A minimal workflow_run "completed" delivery; {@code overrides} are extra members of the run
   * object that replace the defaults (later duplicates would be rejected, so defaults are omitted
   * when overridden).
   */
  static String run(String overrides, boolean withWorkflowObject) {
    StringBuilder run = new StringBuilder("{");
    append(run, overrides, "id", "\"id\": 42");
    append(run, overrides, "name", "\"name\": \"CI\"");
    append(run, overrides, "run_number", "\"run_number\": 7");
    append(run, overrides, "status", "\"status\": \"completed\"");
    append(run, overrides, "conclusion", "\"conclusion\": \"failure\"");
    append(run, overrides, "created_at", "\"created_at\": \"2024-05-01T10:00:00Z\"");
    append(run, overrides, "updated_at", "\"updated_at\": \"2024-05-01T10:05:00Z\"");
    append(run, overrides, "run_started_at", "\"run_started_at\": \"2024-05-01T10:00:05Z\"");
    append(run, overrides, "path", "\"path\": \".github/workflows/ci.yml\"");
    if (!overrides.isEmpty()) {
      run.append(overrides).append(',');
    }
    run.setLength(run.length() - 1);
    run.append('}');
    String workflow = withWorkflowObject
        ? "\"workflow\": {\"id\": 5, \"name\": \"From workflow\", \"path\": \".github/workflows/ci.yml\"}, "
        : "";
    return "{\"action\": \"completed\", " + workflow + "\"workflow_run\": " + run
        + ", \"repository\": {\"id\": 1, \"full_name\": \"octo-org/api\"}, \"sender\": {\"login\": \"x\"}}";
  }

  /** A minimal workflow_job delivery with the given job members added to the defaults. */
  static String job(String action, String overrides) {
    StringBuilder job = new StringBuilder("{");
    append(job, overrides, "id", "\"id\": 501");
    append(job, overrides, "run_id", "\"run_id\": 42");
    append(job, overrides, "name", "\"name\": \"build\"");
    append(job, overrides, "status", "\"status\": \"in_progress\"");
    append(job, overrides, "created_at", "\"created_at\": \"2024-05-01T10:00:06Z\"");
    append(job, overrides, "started_at", "\"started_at\": \"2024-05-01T10:00:30Z\"");
    if (!overrides.isEmpty()) {
      job.append(overrides).append(',');
    }
    job.setLength(job.length() - 1);
    job.append('}');
    return "{\"action\": \"" + action + "\", \"workflow_job\": " + job
        + ", \"repository\": {\"full_name\": \"octo-org/api\"}}";
  }

  private static void append(StringBuilder out, String overrides, String name, String member) {
    if (!overrides.contains("\"" + name + "\"")) {
      out.append(member).append(',');
    }
  }
}
