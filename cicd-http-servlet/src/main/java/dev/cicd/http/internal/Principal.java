package dev.cicd.http.internal;

/**
 * The caller of one request.
 *
 * @param clientKey rate-limit key: a hash of a valid token, else the client address
 */
public record Principal(Role role, String clientKey) {}
