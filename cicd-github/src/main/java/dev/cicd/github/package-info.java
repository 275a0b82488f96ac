/** GitHub Actions source: signed webhook receiver, REST poller and their configuration. */
@NullMarked
package dev.cicd.github;

import org.jspecify.annotations.NullMarked;
