package dev.cicd.http.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/** Runs axe-core (from its webjar, org.webjars.npm:axe-core) in the page and reports violations. */
final class Axe {
  private static final String PROPERTIES = "META-INF/maven/org.webjars.npm/axe-core/pom.properties";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static String source;

  private Axe() {}

  /** One violation: rule id, impact and the CSS targets of the failing nodes. */
  record Violation(String id, String impact, String help, List<String> targets) {
    boolean seriousOrCritical() {
      return impact.equals("serious") || impact.equals("critical");
    }

    @Override
    public String toString() {
      return impact + " " + id + " (" + help + ") at " + targets;
    }
  }

  static String version() {
    try (InputStream in = resource(PROPERTIES)) {
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What one run found: the violations, and how many rules passed (proof that axe ran). */
  record Result(List<Violation> violations, int passedRules) {}

  /** Injects axe (once per page) and runs it on the whole document. */
  static Result run(WebDriver driver) {
    JavascriptExecutor js = (JavascriptExecutor) driver;
    if (!Boolean.TRUE.equals(js.executeScript("return typeof window.axe === 'object'"))) {
      js.executeScript(source());
    }
    Object result = js.executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "axe.run(document, {resultTypes: ['violations']})"
            + ".then(r => done(JSON.stringify({violations: r.violations, passes: r.passes.length})),"
            + " e => done('ERROR ' + e));");
    String text = String.valueOf(result);
    if (text.startsWith("ERROR")) {
      throw new IllegalStateException("axe failed: " + text);
    }
    try {
      JsonNode root = MAPPER.readTree(text);
      List<Violation> violations = new ArrayList<>();
      for (JsonNode v : root.path("violations")) {
        List<String> targets = new ArrayList<>();
        v.path("nodes").forEach(n -> targets.add(n.path("target").toString()));
        violations.add(new Violation(v.path("id").asText(), v.path("impact").asText("minor"),
            v.path("help").asText(), targets));
      }
      return new Result(violations, root.path("passes").asInt());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static synchronized String source() {
    if (source == null) {
      String path = "META-INF/resources/webjars/axe-core/" + version() + "/axe.min.js";
      try (InputStream in = resource(path)) {
        source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return source;
  }

  private static InputStream resource(String path) {
    InputStream in = Axe.class.getClassLoader().getResourceAsStream(path);
    if (in == null) {
      throw new IllegalStateException(path + " is not on the test classpath (org.webjars.npm:axe-core)");
    }
    return in;
  }
}
