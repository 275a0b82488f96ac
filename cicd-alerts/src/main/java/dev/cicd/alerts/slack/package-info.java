/** Slack incoming-webhook channel: Block Kit messages, escaping, pacing and error classification. */
@NullMarked
package dev.cicd.alerts.slack;

import org.jspecify.annotations.NullMarked;
