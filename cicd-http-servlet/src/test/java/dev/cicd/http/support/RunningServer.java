package dev.cicd.http.support;

import java.net.URI;

/** A started container; {@link #close()} stops it. */
public final class RunningServer implements AutoCloseable {
  /** Stops a container. */
  @FunctionalInterface
  public interface Stopper {
    void stop() throws Exception;
  }

  private final int port;
  private final Stopper stopper;

  RunningServer(int port, Stopper stopper) {
    this.port = port;
    this.stopper = stopper;
  }

  public int port() {
    return port;
  }

  /** A URI below the dashboard servlet's mount point, e.g. {@code uri("api/builds")}. */
  public URI uri(String relative) {
    return URI.create("http://127.0.0.1:" + port + "/app/cicd/" + relative);
  }

  /** A URI below the context root, e.g. {@code raw("/app/hooks/github-actions")}. */
  public URI raw(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  @Override
  public void close() throws Exception {
    stopper.stop();
  }
}
