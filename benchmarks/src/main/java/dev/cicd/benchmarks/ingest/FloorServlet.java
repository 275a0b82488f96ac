package dev.cicd.benchmarks.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cicd.core.source.InvalidWebhookSignatureException;
import dev.cicd.github.WebhookSignature;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The floor the real stack is compared with: reads the body, checks the HMAC, parses the JSON and
 * inserts one row per delivery with plain JDBC in autocommit. Without a data source it stops after the
 * HMAC check (the "HTTP + HMAC alone" figure).
 */
final class FloorServlet extends HttpServlet {
  static final String TABLE = "floor_delivery";
  private static final long serialVersionUID = 1L;
  private static final byte[] STORED = "{\"status\":\"stored\"}".getBytes(StandardCharsets.UTF_8);
  private static final byte[] DUPLICATE = "{\"status\":\"duplicate\"}".getBytes(StandardCharsets.UTF_8);

  private final transient WebhookSignature signature;
  private final transient @Nullable DataSource dataSource;
  private final transient ObjectMapper json = new ObjectMapper();

  FloorServlet(String secret, @Nullable DataSource dataSource) throws SQLException {
    this.signature = WebhookSignature.of(List.of(secret));
    this.dataSource = dataSource;
    if (dataSource != null) {
      try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (delivery_id VARCHAR(200) PRIMARY KEY, "
            + "event VARCHAR(64) NOT NULL, action VARCHAR(64), run_id BIGINT, received_at BIGINT NOT NULL)");
      }
    }
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    byte[] body = request.getInputStream().readAllBytes();
    try {
      signature.verify(Collections.list(request.getHeaders(WebhookSignature.HEADER)), body);
    } catch (InvalidWebhookSignatureException e) {
      response.sendError(401);
      return;
    }
    if (dataSource == null) {
      write(response, STORED);
      return;
    }
    JsonNode root = json.readTree(body);
    String event = request.getHeader("X-GitHub-Event");
    JsonNode object = root.path("workflow_run".equals(event) ? "workflow_run" : "workflow_job");
    long runId = object.path("workflow_run".equals(event) ? "id" : "run_id").asLong();
    try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement("INSERT INTO "
        + TABLE + " (delivery_id, event, action, run_id, received_at) VALUES (?, ?, ?, ?, ?)")) {
      insert.setString(1, request.getHeader("X-GitHub-Delivery"));
      insert.setString(2, event == null ? "" : event);
      insert.setString(3, root.path("action").asText(null));
      insert.setLong(4, runId);
      insert.setLong(5, System.currentTimeMillis());
      insert.executeUpdate();
      write(response, STORED);
    } catch (SQLException e) {
      if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
        write(response, DUPLICATE);
      } else {
        response.sendError(503);
      }
    }
  }

  private static void write(HttpServletResponse response, byte[] body) throws IOException {
    response.setStatus(200);
    response.setContentType("application/json");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
