/** Benchmarks run by hand: query timings over a million builds and H2 commit durability. */
@NullMarked
package dev.cicd.benchmarks;

import org.jspecify.annotations.NullMarked;
