/**
 * The store's summary computation: a few index-only range scans of the window, aggregated in one pass
 * with exact nearest-rank percentiles. Not API.
 */
@NullMarked
package dev.cicd.store.jpa.internal.metrics;

import org.jspecify.annotations.NullMarked;
