package dev.cicd.http;

import dev.cicd.http.support.Container;
import org.junit.jupiter.api.Nested;

/** Security scenarios A in both containers. */
class SecurityTest {
  @Nested
  class Jetty extends SecurityScenarios {
    @Override
    Container container() {
      return Container.JETTY;
    }
  }

  @Nested
  class Tomcat extends SecurityScenarios {
    @Override
    Container container() {
      return Container.TOMCAT;
    }
  }
}
