package dev.cicd.examples.standalone;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself, before any request reaches the dashboard servlet (a URI or headers too long, a
 * request line it cannot parse), in the same {@code application/problem+json} shape as the API's own errors, instead
 * of Jetty's HTML page.
 */
final class ProblemErrorHandler extends ErrorHandler {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
      Callback callback) throws IOException {
    String title = HttpStatus.getMessage(code);
    ObjectNode problem = JSON.createObjectNode()
        .put("type", "about:blank")
        .put("title", title)
        .put("status", code)
        .put("detail", message == null || message.isBlank() ? title : message);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/problem+json");
    response.write(true, ByteBuffer.wrap(JSON.writeValueAsBytes(problem)), callback);
  }
}
