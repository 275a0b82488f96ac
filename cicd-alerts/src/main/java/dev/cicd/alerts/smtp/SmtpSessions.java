package dev.cicd.alerts.smtp;

import java.util.Properties;

/** Jakarta Mail session properties for a configuration. */
final class SmtpSessions {
  private SmtpSessions() {}

  static Properties properties(SmtpConfig config, String protocol) {
    String p = "mail." + protocol + ".";
    Properties props = new Properties();
    props.put("mail.transport.protocol", protocol);
    props.put(p + "host", config.host());
    props.put(p + "port", Integer.toString(config.port()));
    props.put(p + "from", config.from());
    props.put(p + "connectiontimeout", Long.toString(config.connectTimeout().toMillis()));
    props.put(p + "timeout", Long.toString(config.timeout().toMillis()));
    props.put(p + "writetimeout", Long.toString(config.timeout().toMillis()));
    props.put(p + "auth", Boolean.toString(config.username() != null));
    props.put(p + "sendpartial", "true");
    props.put(p + "ssl.checkserveridentity", "true");
    if (config.security() == SmtpConfig.Security.STARTTLS) {
      props.put(p + "starttls.enable", "true");
      props.put(p + "starttls.required", "true");
    }
    if (config.security() == SmtpConfig.Security.SMTPS) {
      props.put(p + "ssl.enable", "true");
    }
    if (config.sslTrust() != null) {
      props.put(p + "ssl.trust", config.sslTrust());
    }
    return props;
  }
}
