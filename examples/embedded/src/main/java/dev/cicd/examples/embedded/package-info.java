/**
 * An existing servlet application (embedded Tomcat 11, its own HikariCP pool) that mounts the CI/CD
 * dashboard at {@code /ci/*}: the shape to copy when the dashboard joins an application you already run.
 */
@NullMarked
package dev.cicd.examples.embedded;

import org.jspecify.annotations.NullMarked;
