package dev.cicd.examples.standalone.demo;

import dev.cicd.examples.standalone.demo.DemoCatalog.Pipeline;
import java.util.random.RandomGenerator;

/** How a simulated run ends. */
enum Outcome {
  SUCCESS,
  FAILURE,
  TIMED_OUT,
  CANCELLED,
  /** Attempt 1 fails, the re-run passes. */
  FLAKY;

  /** Draws an outcome with the pipeline's rates. */
  static Outcome draw(Pipeline pipeline, RandomGenerator random) {
    double r = random.nextDouble();
    if (r < pipeline.cancelRate()) {
      return CANCELLED;
    }
    r -= pipeline.cancelRate();
    if (r < pipeline.failureRate()) {
      return random.nextDouble() < 0.15 ? TIMED_OUT : FAILURE;
    }
    r -= pipeline.failureRate();
    return r < pipeline.flakyRate() ? FLAKY : SUCCESS;
  }
}
