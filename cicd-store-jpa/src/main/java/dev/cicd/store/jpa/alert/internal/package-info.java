/** Tables, SQL and mappings of the JDBC alert store. Not API: may change at any time. */
@NullMarked
package dev.cicd.store.jpa.alert.internal;

import org.jspecify.annotations.NullMarked;
