/**
 * The standalone CI/CD dashboard: {@code java -jar cicd-dashboard.jar [--demo]}. Configuration comes from
 * {@code CICD_*} environment variables ({@link dev.cicd.examples.standalone.SettingsParser}); the app
 * wires the library's parts (store, GitHub source, alerting, servlet) into an embedded Jetty.
 */
@NullMarked
package dev.cicd.examples.standalone;

import org.jspecify.annotations.NullMarked;
