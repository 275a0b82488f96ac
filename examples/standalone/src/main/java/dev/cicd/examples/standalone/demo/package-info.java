/**
 * The {@code --demo} mode: a realistic, seeded history and a stream of new runs, all fed through the
 * library's real ingestion path ({@code cicd.ingestion()}), so stores, metrics and alerts see exactly
 * what they would see from GitHub.
 */
@NullMarked
package dev.cicd.examples.standalone.demo;

import org.jspecify.annotations.NullMarked;
