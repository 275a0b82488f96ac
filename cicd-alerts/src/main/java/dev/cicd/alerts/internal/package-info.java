/** Message templates and text escaping shared by the channels: not API. */
@NullMarked
package dev.cicd.alerts.internal;

import org.jspecify.annotations.NullMarked;
