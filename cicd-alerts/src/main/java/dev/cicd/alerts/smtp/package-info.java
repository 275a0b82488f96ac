/** E-mail channel over SMTP (Jakarta Mail / Angus): threaded multipart messages. */
@NullMarked
package dev.cicd.alerts.smtp;

import org.jspecify.annotations.NullMarked;
