package dev.cicd.http.internal;

import org.jspecify.annotations.Nullable;

/**
 * One row of the route table.
 *
 * @param produces the response media type checked against {@code Accept}; null for static files
 * @param consumesJson the request body must be {@code application/json} (else 415)
 */
public record Route(
    String method, PathPattern pattern, Access access, @Nullable String produces, boolean consumesJson,
    Handler handler) {

  /** Rate limits apply to every route but webhooks (signature-checked) and static files. */
  public boolean rateLimited() {
    return access != Access.SIGNATURE && produces != null;
  }
}
