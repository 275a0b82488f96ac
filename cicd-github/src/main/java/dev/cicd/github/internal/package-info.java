/** Not API: payload parsing and mapping, HTTP plumbing, per-repository polling state. May change any time. */
@NullMarked
package dev.cicd.github.internal;

import org.jspecify.annotations.NullMarked;
