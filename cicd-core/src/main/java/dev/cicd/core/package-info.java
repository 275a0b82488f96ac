/** Root package of the CI/CD dashboard library: shared exception types. */
@NullMarked
package dev.cicd.core;

import org.jspecify.annotations.NullMarked;
