/**
 * The servlet: mount {@link dev.cicd.http.CicdDashboardServlet} at any path of any Servlet 6 container
 * to serve the REST API, the GitHub webhook endpoint, live updates, Prometheus metrics, the OpenAPI
 * document and the dashboard.
 */
@NullMarked
package dev.cicd.http;

import org.jspecify.annotations.NullMarked;
