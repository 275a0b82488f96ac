/** Metric definitions (DESIGN.md) and the plain-Java reference computation every store is held to. */
@NullMarked
package dev.cicd.core.metrics;

import org.jspecify.annotations.NullMarked;
