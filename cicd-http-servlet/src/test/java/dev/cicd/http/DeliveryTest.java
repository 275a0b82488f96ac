package dev.cicd.http;

import dev.cicd.http.support.Container;
import org.junit.jupiter.api.Nested;

/** Delivery scenarios O and D in both containers. */
class DeliveryTest {
  @Nested
  class Jetty extends DeliveryScenarios {
    @Override
    Container container() {
      return Container.JETTY;
    }
  }

  @Nested
  class Tomcat extends DeliveryScenarios {
    @Override
    Container container() {
      return Container.TOMCAT;
    }
  }
}
