package dev.cicd.examples.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The files around the app agree with it (there is no Docker engine to run them here): every variable
 * they set is one the app reads, the README documents every variable, and the image runs the jar the
 * build makes.
 */
class DeploymentFilesTest {
  static final Path ROOT = Path.of("../..");
  static final Pattern VARIABLE = Pattern.compile("\\bCICD_[A-Z0-9_]+");

  @Test
  @DisplayName("docker-compose.yml and the Dockerfile set only variables the app reads")
  void deploymentVariablesAreKnown() throws IOException {
    Set<String> used = variables(ROOT.resolve("docker-compose.yml"));
    used.addAll(variables(ROOT.resolve("Dockerfile")));
    assertThat(used).isNotEmpty();
    assertThat(SettingsParser.KEYS).containsAll(used);
  }

  @Test
  @DisplayName("the README's configuration table names every variable the app reads")
  void readmeDocumentsEveryVariable() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    for (String key : SettingsParser.KEYS) {
      assertThat(readme).as(key).containsPattern("`" + key + "`");
    }
    assertThat(ROOT.resolve("docs/dashboard.png")).isRegularFile();
  }

  @Test
  @DisplayName("the image copies the shaded jar, runs it as a non-root user and checks its health with it")
  void dockerfile() throws IOException {
    String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
    assertThat(dockerfile).contains("-pl examples/standalone -am package",
        "COPY --from=build /src/examples/standalone/target/cicd-dashboard.jar /app/cicd-dashboard.jar",
        "USER cicd", "HEALTHCHECK", "\"--healthcheck\"", "ENTRYPOINT [\"java\"");
  }

  private static Set<String> variables(Path file) throws IOException {
    Set<String> names = new TreeSet<>();
    Matcher m = VARIABLE.matcher(Files.readString(file));
    while (m.find()) {
      names.add(m.group());
    }
    return names;
  }
}
