package dev.cicd.examples.standalone;

import java.util.Map;

/** The app in this JVM, for tests in other packages. */
public final class TestApps {
  private TestApps() {}

  /** A started app, configured by {@code env} as by the environment; closing it stops it. */
  public interface Running extends AutoCloseable {
    int port();

    @Override
    void close();
  }

  public static Running start(Map<String, String> env) throws Exception {
    StandaloneApp app = new StandaloneApp(SettingsParser.parse(env, false));
    try {
      app.start();
    } catch (Exception | Error e) {
      app.close();
      throw e;
    }
    return new Running() {
      @Override
      public int port() {
        return app.port();
      }

      @Override
      public void close() {
        app.close();
      }
    };
  }
}
