/** Ingestion: provider events merged monotonically and idempotently into a {@link dev.cicd.core.store.BuildStore}. */
@NullMarked
package dev.cicd.core.ingest;

import org.jspecify.annotations.NullMarked;
