/** Alert evaluation and dispatch internals: not API, may change at any time. */
@NullMarked
package dev.cicd.core.alert.internal;

import org.jspecify.annotations.NullMarked;
