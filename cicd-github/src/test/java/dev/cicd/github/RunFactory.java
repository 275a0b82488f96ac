package dev.cicd.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/** Builds REST run and job objects from the fixture examples, with chosen ids, times and states. */
final class RunFactory {
  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final ObjectNode RUN_TEMPLATE = (ObjectNode) read("rest/list-workflow-runs-for-repo.json")
      .get("workflow_runs").get(0);
  private static final ObjectNode JOB_TEMPLATE = (ObjectNode) read("rest/list-jobs-for-workflow-run.json")
      .get("jobs").get(0);

  private RunFactory() {}

  static JsonNode read(String fixture) {
    try {
      return MAPPER.readTree(Fixtures.bytes(fixture));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A completed, successful run of {@code repository} created at {@code created}. */
  static ObjectNode run(String repository, long id, Instant created) {
    ObjectNode run = RUN_TEMPLATE.deepCopy();
    run.put("id", id);
    run.put("run_number", id);
    run.put("name", "Build");
    run.put("status", "completed");
    run.put("conclusion", "success");
    run.put("created_at", created.toString());
    run.put("run_started_at", created.plusSeconds(5).toString());
    run.put("updated_at", created.plusSeconds(300).toString());
    run.put("run_attempt", 1);
    ((ObjectNode) run.get("repository")).put("full_name", repository);
    return run;
  }

  static ObjectNode inProgress(ObjectNode run) {
    run.put("status", "in_progress");
    run.putNull("conclusion");
    return run;
  }

  /** One job of a run, completed successfully unless changed. */
  static ObjectNode job(long runId, long jobId, Instant started) {
    ObjectNode job = JOB_TEMPLATE.deepCopy();
    job.put("id", jobId);
    job.put("run_id", runId);
    job.put("name", "build-" + jobId);
    job.put("status", "completed");
    job.put("conclusion", "success");
    job.put("started_at", started.toString());
    job.put("completed_at", started.plusSeconds(120).toString());
    return job;
  }

  static ObjectNode list(String field, Iterable<? extends JsonNode> items, long totalCount) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("total_count", totalCount);
    ArrayNode array = body.putArray(field);
    items.forEach(array::add);
    return body;
  }
}
