package dev.cicd.store.jpa.internal;

/**
 * The {@code sort_key} column: UTF-16BE(repository) || 0x0000 || UTF-16BE(provider), code unit by code
 * unit. Its unsigned byte order equals the listing's order on (repository, provider) by UTF-16 code
 * units, whatever the database collation (repository names never contain U+0000, so the separator
 * sorts a shorter name first, as {@link String#compareTo} does).
 */
public final class SortKey {
  private SortKey() {}

  public static byte[] of(String repository, String provider) {
    byte[] key = new byte[2 * (repository.length() + 1 + provider.length())];
    int at = put(key, 0, repository);
    put(key, at + 2, provider);
    return key;
  }

  private static int put(byte[] key, int at, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      key[at++] = (byte) (c >>> 8);
      key[at++] = (byte) c;
    }
    return at;
  }
}
