package dev.cicd.github.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import okhttp3.Response;

/** The {@code message} of a GitHub error body, read within a small limit and cleaned for logs. */
final class ErrorBodies {
  private static final int LIMIT = 8 * 1024;
  private static final JsonSupport JSON = new JsonSupport(LIMIT);

  private ErrorBodies() {}

  static String message(Response response) throws IOException {
    byte[] bytes;
    try (InputStream in = response.body().byteStream()) {
      bytes = in.readNBytes(LIMIT);
    }
    if (bytes.length == 0) {
      return response.message().isEmpty() ? "(no message)" : Texts.safe(response.message(), 200);
    }
    try {
      JsonNode node = JSON.parse(bytes);
      JsonNode message = node.get("message");
      if (message != null && message.isTextual()) {
        return Texts.safe(message.textValue(), 300);
      }
    } catch (PayloadException e) {
      // not JSON (or truncated at the limit): fall back to the raw text below
      return Texts.safe(new String(bytes, StandardCharsets.UTF_8), 200);
    }
    return Texts.safe(new String(bytes, StandardCharsets.UTF_8), 200);
  }
}
