/**
 * Alerting: rules evaluated over build history, alert instances moving pending → firing → resolved,
 * a transactional outbox of notifications, and the channel SPI ({@link dev.cicd.core.alert.AlertSink})
 * that delivers them.
 */
@NullMarked
package dev.cicd.core.alert;

import org.jspecify.annotations.NullMarked;
