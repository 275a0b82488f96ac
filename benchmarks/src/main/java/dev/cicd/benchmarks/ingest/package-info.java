/**
 * Webhook ingest benchmark: a load generator posting signed GitHub deliveries, the real server stack
 * (Jetty 12 + CicdDashboardServlet + Cicd + JpaBuildStore) and a plain-JDBC floor server to compare it
 * with. Run by hand (see benchmarks/README.md); the fault suite starts {@link dev.cicd.benchmarks.ingest.IngestServer}
 * as a child process.
 */
@NullMarked
package dev.cicd.benchmarks.ingest;

import org.jspecify.annotations.NullMarked;
