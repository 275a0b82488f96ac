package dev.cicd.http.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Real GitHub payloads from {@code src/test/resources/github/} (exact bytes). */
public final class Fixtures {
  private Fixtures() {}

  public static byte[] github(String path) {
    try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream("github/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture github/" + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
