package dev.cicd.alerts.smtp;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * A message whose Message-ID is ours: {@link MimeMessage#saveChanges()} calls
 * {@link #updateMessageID()}, which by default invents a new id on every save and would break
 * threading and duplicate detection.
 */
final class ThreadedMimeMessage extends MimeMessage {
  private final String messageId;

  ThreadedMimeMessage(Session session, String messageId) {
    super(session);
    this.messageId = messageId;
  }

  @Override
  protected void updateMessageID() throws MessagingException {
    setHeader("Message-ID", messageId);
  }
}
