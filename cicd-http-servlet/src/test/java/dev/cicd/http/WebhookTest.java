package dev.cicd.http;

import dev.cicd.http.support.Container;
import org.junit.jupiter.api.Nested;

/** Webhook authentication scenarios W in both containers. */
class WebhookTest {
  @Nested
  class Jetty extends WebhookScenarios {
    @Override
    Container container() {
      return Container.JETTY;
    }
  }

  @Nested
  class Tomcat extends WebhookScenarios {
    @Override
    Container container() {
      return Container.TOMCAT;
    }
  }
}
