/** Provider-neutral, immutable domain model: builds (workflow runs), attempts, jobs, steps, deployments. */
@NullMarked
package dev.cicd.core.build;

import org.jspecify.annotations.NullMarked;
