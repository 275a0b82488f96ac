package dev.cicd.benchmarks.faults;

import dev.cicd.benchmarks.ingest.Database;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test only when PostgreSQL answers at {@link Database#PG_URL}; otherwise skips it with the
 * reason, unless {@code CICD_REQUIRE_POSTGRES=true}, which lets it run (and fail). Same rule as the
 * store module's {@code PostgresExtension}.
 */
public final class RequiresPostgres implements ExecutionCondition {
  private static final boolean REQUIRED = Boolean.parseBoolean(System.getenv("CICD_REQUIRE_POSTGRES"));

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    String problem = Database.postgresProblem();
    if (problem.isEmpty()) {
      return ConditionEvaluationResult.enabled("PostgreSQL answers at " + Database.PG_URL);
    }
    if (REQUIRED) {
      return ConditionEvaluationResult.enabled("CICD_REQUIRE_POSTGRES=true: the test will fail (" + problem + ")");
    }
    return ConditionEvaluationResult.disabled("PostgreSQL does not answer at " + Database.PG_URL + " (" + problem
        + "); set CICD_TEST_PG_URL, or CICD_REQUIRE_POSTGRES=true to fail instead of skipping");
  }
}
