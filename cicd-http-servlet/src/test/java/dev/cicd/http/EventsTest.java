package dev.cicd.http;

import dev.cicd.http.support.Container;
import org.junit.jupiter.api.Nested;

/** Live updates in both containers. */
class EventsTest {
  @Nested
  class Jetty extends EventsScenarios {
    @Override
    Container container() {
      return Container.JETTY;
    }
  }

  @Nested
  class Tomcat extends EventsScenarios {
    @Override
    Container container() {
      return Container.TOMCAT;
    }
  }
}
