package dev.cicd.http.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Writes errors as {@code application/problem+json} (RFC 9457). */
public final class ProblemResponses {
  public static final String CONTENT_TYPE = "application/problem+json;charset=UTF-8";

  private final Json json;

  public ProblemResponses(Json json) {
    this.json = json;
  }

  public void write(HttpServletResponse response, HttpProblem problem, String requestId) throws IOException {
    problem.headers().forEach(response::setHeader);
    ObjectNode body = json.object();
    body.put("type", "about:blank");
    body.put("title", problem.title());
    body.put("status", problem.status());
    body.put("detail", problem.detail());
    body.put("requestId", requestId);
    if (!problem.errors().isEmpty()) {
      var errors = body.putArray("errors");
      problem.errors().forEach(errors::add);
    }
    json.write(response, problem.status(), CONTENT_TYPE, body);
  }
}
