/** The storage SPI, its in-memory reference implementation and query types. */
@NullMarked
package dev.cicd.core.store;

import org.jspecify.annotations.NullMarked;
