/** SPIs of build sources (providers such as GitHub Actions): webhook receivers and pollers. */
@NullMarked
package dev.cicd.core.source;

import org.jspecify.annotations.NullMarked;
