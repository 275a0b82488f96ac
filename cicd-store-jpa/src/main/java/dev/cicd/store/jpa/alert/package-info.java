/**
 * {@link dev.cicd.core.alert.AlertStore} on the build store's database (H2 or PostgreSQL), through
 * plain JDBC: {@link dev.cicd.store.jpa.alert.JpaAlertStore}. The tables come from the Flyway
 * migration {@code V2__alerts.sql} that {@link dev.cicd.store.jpa.JpaBuildStore} applies.
 */
@NullMarked
package dev.cicd.store.jpa.alert;

import org.jspecify.annotations.NullMarked;
