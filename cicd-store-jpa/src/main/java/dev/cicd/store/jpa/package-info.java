/**
 * {@link dev.cicd.core.store.BuildStore} on Jakarta Persistence 3.2 and Hibernate 7, with the schema
 * owned by Flyway migrations shipped in this jar (H2 and PostgreSQL). Start with
 * {@link dev.cicd.store.jpa.JpaBuildStore#h2(java.nio.file.Path)} or
 * {@link dev.cicd.store.jpa.JpaBuildStore#postgres(javax.sql.DataSource)}.
 */
@NullMarked
package dev.cicd.store.jpa;

import org.jspecify.annotations.NullMarked;
