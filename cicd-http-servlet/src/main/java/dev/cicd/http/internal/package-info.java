/** Internals of the servlet: routing, security, handlers and JSON mapping. Not API; may change any time. */
@NullMarked
package dev.cicd.http.internal;

import org.jspecify.annotations.NullMarked;
