package dev.cicd.alerts.smtp;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/** Sorts an SMTP failure into recipients to retry (4xx, connection problems) and recipients lost (5xx). */
final class SmtpFailures {
  private SmtpFailures() {}

  /**
   * @param retry recipients to try again
   * @param delivered whether some recipient got the message
   * @param startTlsMissing STARTTLS was required but not offered
   */
  record Outcome(List<String> retry, boolean delivered, String reason, boolean startTlsMissing) {}

  static Outcome classify(MessagingException e, Set<String> recipients) {
    String text = text(e);
    if (text.toLowerCase(Locale.ROOT).contains("starttls")) {
      return new Outcome(List.of(), false, text, true);
    }
    if (!(e instanceof SendFailedException failed)) {
      return new Outcome(List.copyOf(recipients), false, text, false);
    }
    Set<String> retry = new LinkedHashSet<>();
    List<String> lost = new ArrayList<>();
    for (Exception next = failed; next != null; next = next instanceof MessagingException m ? m.getNextException() : null) {
      if (next instanceof SMTPAddressFailedException a) {
        String who = a.getAddress().getAddress();
        if (a.getReturnCode() >= 500) {
          lost.add(who + " (" + a.getReturnCode() + ")");
        } else {
          retry.add(who);
        }
      }
    }
    addAll(retry, failed.getValidUnsentAddresses());
    if (failed instanceof SMTPSendFailedException whole && failed.getValidSentAddresses() == null) {
      if (whole.getReturnCode() >= 400 && whole.getReturnCode() < 500) {
        retry.addAll(recipients);
      } else if (lost.isEmpty()) {
        lost.add("message rejected (" + whole.getReturnCode() + ")");
      }
    }
    retry.removeIf(r -> lost.stream().anyMatch(l -> l.startsWith(r + " ")));
    boolean delivered = failed.getValidSentAddresses() != null && failed.getValidSentAddresses().length > 0;
    String reason = !retry.isEmpty() ? "temporarily rejected for " + retry + ": " + text : String.join(", ", lost);
    return new Outcome(List.copyOf(retry), delivered, reason.isEmpty() ? text : reason, false);
  }

  private static void addAll(Set<String> into, Address[] addresses) {
    if (addresses != null) {
      for (Address a : addresses) {
        into.add(a.toString());
      }
    }
  }

  /** A one-line description of the failure and its cause, without credentials. */
  static String text(Exception e) {
    Throwable cause = e.getCause() != null ? e.getCause() : e;
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (cause != e) {
      message += " (" + cause.getClass().getSimpleName() + ")";
    }
    return message.replaceAll("[\\r\\n]+", " ").trim();
  }
}
