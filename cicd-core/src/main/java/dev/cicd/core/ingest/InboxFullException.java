package dev.cicd.core.ingest;

import dev.cicd.core.store.BuildStoreException;

/** The webhook inbox holds its most unmerged deliveries ({@link InboxSettings#maxBacklog()}): retry later. */
public final class InboxFullException extends BuildStoreException {
  private static final long serialVersionUID = 1L;

  InboxFullException(long backlog) {
    super("the webhook inbox holds " + backlog + " deliveries not merged yet; retry later");
  }
}
