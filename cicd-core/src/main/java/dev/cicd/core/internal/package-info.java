/** Implementation details; not API, may change at any time. */
@NullMarked
package dev.cicd.core.internal;

import org.jspecify.annotations.NullMarked;
