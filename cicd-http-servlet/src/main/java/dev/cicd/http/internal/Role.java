package dev.cicd.http.internal;

/** What a caller may do, from its bearer token. ADMIN includes READ. */
public enum Role {
  /** An Authorization header was sent but its token is not one of ours. */
  INVALID,
  /** No token. */
  ANONYMOUS,
  READ,
  ADMIN;

  public boolean canRead() {
    return this == READ || this == ADMIN;
  }
}
