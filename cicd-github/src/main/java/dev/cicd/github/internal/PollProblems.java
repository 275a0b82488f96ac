package dev.cicd.github.internal;

import java.util.ArrayList;
import java.util.List;

/** Problems met during one poll of one repository that did not stop it (unreadable pages, skipped objects). */
public final class PollProblems {
  private static final int KEEP = 5;

  private final List<String> messages = new ArrayList<>();
  private int count;

  public void add(String message) {
    count++;
    if (messages.size() < KEEP) {
      messages.add(Texts.safe(message, 300));
    }
  }

  public boolean isEmpty() {
    return count == 0;
  }

  public int count() {
    return count;
  }

  /** A one-line summary: the first problems and how many there were. */
  public String summary() {
    String first = String.join("; ", messages);
    return count <= messages.size() ? first : first + "; and " + (count - messages.size()) + " more";
  }
}
