package dev.cicd.http;

import dev.cicd.http.support.Container;
import org.junit.jupiter.api.Nested;

/** Rate limits in both containers. */
class RateLimitTest {
  @Nested
  class Jetty extends RateLimitScenarios {
    @Override
    Container container() {
      return Container.JETTY;
    }
  }

  @Nested
  class Tomcat extends RateLimitScenarios {
    @Override
    Container container() {
      return Container.TOMCAT;
    }
  }
}
