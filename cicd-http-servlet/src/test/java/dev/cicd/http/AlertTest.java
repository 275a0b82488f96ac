package dev.cicd.http;

import dev.cicd.http.support.Container;
import org.junit.jupiter.api.Nested;

/** The alert endpoints in both containers. */
class AlertTest {
  @Nested
  class Jetty extends AlertScenarios {
    @Override
    Container container() {
      return Container.JETTY;
    }
  }

  @Nested
  class Tomcat extends AlertScenarios {
    @Override
    Container container() {
      return Container.TOMCAT;
    }
  }
}
