/** Health reporting: components report UP, DEGRADED or DOWN for {@code /health}. */
@NullMarked
package dev.cicd.core.health;

import org.jspecify.annotations.NullMarked;
