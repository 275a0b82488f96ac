package dev.cicd.benchmarks.ingest;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;

/**
 * How the load generator's connections post a delivery: one blocking call on the sending thread, which answers
 * the status and body. The client shares the machine's cores with the server it loads, so what it spends per
 * request lowers every measured rate; system property {@value #PROPERTY} chooses it: {@code okhttp} (default,
 * OkHttp: the call does its socket I/O on the sending thread) or {@code jdk} (the JDK's {@code HttpClient}, used
 * until session 16, which hands every exchange between the sending thread, its executor and its selector thread).
 */
interface DeliverySender extends AutoCloseable {
  String PROPERTY = "cicd.bench.client";

  /** The server's answer. */
  record Answer(int status, String body) {
    /** Whether the answer acknowledges the delivery as stored (200 "stored", or 202 "accepted" by an inbox). */
    boolean stored() {
      return status == 200 && body.contains("\"status\":\"stored\"")
          || status == 202 && body.contains("\"status\":\"accepted\"");
    }
  }

  Answer send(Payloads.Delivery delivery) throws IOException, InterruptedException;

  @Override
  void close();

  /** The client {@value #PROPERTY} names, keeping up to {@code connections} connections to {@code url}. */
  static DeliverySender create(URI url, int connections) {
    return create(System.getProperty(PROPERTY, "okhttp"), url, connections);
  }

  static DeliverySender create(String client, URI url, int connections) {
    return switch (client.toLowerCase(Locale.ROOT)) {
      case "okhttp" -> new OkHttpSender(url, connections);
      case "jdk" -> new JdkSender(url);
      default -> throw new IllegalArgumentException(PROPERTY + " must be okhttp or jdk, but was '" + client + "'");
    };
  }

  /** The client's name in reports. */
  static String configured() {
    return System.getProperty(PROPERTY, "okhttp").toLowerCase(Locale.ROOT);
  }
}
