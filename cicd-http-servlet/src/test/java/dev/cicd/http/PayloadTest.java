package dev.cicd.http;

import dev.cicd.http.support.Container;
import org.junit.jupiter.api.Nested;

/** Webhook payload scenarios P in both containers. */
class PayloadTest {
  @Nested
  class Jetty extends PayloadScenarios {
    @Override
    Container container() {
      return Container.JETTY;
    }
  }

  @Nested
  class Tomcat extends PayloadScenarios {
    @Override
    Container container() {
      return Container.TOMCAT;
    }
  }
}
