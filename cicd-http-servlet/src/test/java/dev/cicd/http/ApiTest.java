package dev.cicd.http;

import dev.cicd.http.support.Container;
import org.junit.jupiter.api.Nested;

/** The builds and metrics JSON contract in both containers. */
class ApiTest {
  @Nested
  class Jetty extends ApiScenarios {
    @Override
    Container container() {
      return Container.JETTY;
    }
  }

  @Nested
  class Tomcat extends ApiScenarios {
    @Override
    Container container() {
      return Container.TOMCAT;
    }
  }
}
