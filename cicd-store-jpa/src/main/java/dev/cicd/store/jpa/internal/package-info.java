/** Entities, mappings and queries of the JPA store. Not API: may change at any time. */
@NullMarked
package dev.cicd.store.jpa.internal;

import org.jspecify.annotations.NullMarked;
