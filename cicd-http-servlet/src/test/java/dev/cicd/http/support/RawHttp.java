package dev.cicd.http.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 over a plain socket, for what a regular client will not send: a Content-Length without
 * the body, a chunked body growing past a limit, repeated or malformed headers, raw paths.
 */
public final class RawHttp {
  /** What the server answered. */
  public record Response(int status, String head, String body) {
    public String header(String name) {
      for (String line : head.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
          return line.substring(colon + 1).trim();
        }
      }
      return null;
    }
  }

  /** Writes the rest of a request after its head. */
  @FunctionalInterface
  public interface BodyWriter {
    void write(OutputStream out) throws IOException;
  }

  private RawHttp() {}

  public static Response exchange(int port, String head, BodyWriter body) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      try {
        body.write(out);
        out.flush();
      } catch (IOException e) {
        // the server may answer and close before the whole body is sent; read what it said
      }
      return read(socket.getInputStream());
    }
  }

  public static Response exchange(int port, String head) throws IOException {
    return exchange(port, head, out -> { });
  }

  private static Response read(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    int headEnd = -1;
    while (headEnd < 0) {
      int n = in.read(buffer);
      if (n < 0) {
        break;
      }
      bytes.write(buffer, 0, n);
      headEnd = bytes.toString(StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n");
    }
    String all = bytes.toString(StandardCharsets.ISO_8859_1);
    if (headEnd < 0) {
      throw new IOException("no response head: " + all);
    }
    String head = all.substring(0, headEnd);
    int status = Integer.parseInt(head.substring(9, 12));
    String lengthHeader = new Response(status, head, "").header("Content-Length");
    byte[] rest = bytes.toByteArray();
    int bodyStart = headEnd + 4;
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(rest, bodyStart, rest.length - bodyStart);
    if (lengthHeader != null) {
      int length = Integer.parseInt(lengthHeader);
      while (body.size() < length) {
        int n = in.read(buffer);
        if (n < 0) {
          break;
        }
        body.write(buffer, 0, n);
      }
    }
    String text = body.toString(StandardCharsets.UTF_8);
    return new Response(status, head, text);
  }
}
