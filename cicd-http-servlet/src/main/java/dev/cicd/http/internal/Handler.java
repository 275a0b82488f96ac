package dev.cicd.http.internal;

import java.io.IOException;

/** Answers one route. Throws {@link HttpProblem} (or a core exception) for errors. */
@FunctionalInterface
public interface Handler {
  void handle(Exchange exchange) throws IOException;
}
