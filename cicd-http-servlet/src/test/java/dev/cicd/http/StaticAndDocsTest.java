package dev.cicd.http;

import dev.cicd.http.support.Container;
import org.junit.jupiter.api.Nested;

/** Static files and docs in both containers. */
class StaticAndDocsTest {
  @Nested
  class Jetty extends StaticAndDocsScenarios {
    @Override
    Container container() {
      return Container.JETTY;
    }
  }

  @Nested
  class Tomcat extends StaticAndDocsScenarios {
    @Override
    Container container() {
      return Container.TOMCAT;
    }
  }
}
