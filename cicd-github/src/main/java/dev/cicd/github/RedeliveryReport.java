package dev.cicd.github;

import java.util.List;

/**
 * What {@link GitHubSource#redeliverFailed} did.
 *
 * @param deliveriesSeen deliveries of the last three days that were looked at
 * @param failed distinct deliveries (by GUID) with no successful attempt
 * @param redeliveryRequested redeliveries GitHub accepted
 * @param problems redeliveries GitHub refused, with the reason
 */
public record RedeliveryReport(int deliveriesSeen, int failed, int redeliveryRequested, List<String> problems) {
  public RedeliveryReport {
    problems = List.copyOf(problems);
  }
}
