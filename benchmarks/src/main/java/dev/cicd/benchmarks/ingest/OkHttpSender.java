package dev.cicd.benchmarks.ingest;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * {@link DeliverySender} on OkHttp: HTTP/1.1 keep-alive, a pool of as many idle connections as sending threads,
 * no silent retry (a request that fails is counted as failed, never sent twice behind the generator's back), and
 * {@code TCP_NODELAY}: OkHttp leaves Nagle's algorithm on, and a request written in two parts then waits for the
 * server's delayed ACK (about 40 ms on Linux) on a kept connection (square/okhttp#7173; measured here: 1,429 HTTP +
 * HMAC requests/s with p99 47 ms, against 12,000–14,000 with it).
 */
final class OkHttpSender implements DeliverySender {
  private static final MediaType JSON = MediaType.get("application/json");

  private final HttpUrl url;
  private final OkHttpClient client;

  OkHttpSender(URI url, int connections) {
    this.url = HttpUrl.get(url.toString());
    this.client = new OkHttpClient.Builder().protocols(List.of(Protocol.HTTP_1_1))
        .connectionPool(new ConnectionPool(connections, 5, TimeUnit.MINUTES)).retryOnConnectionFailure(false)
        .socketFactory(new NoDelaySockets())
        .connectTimeout(Duration.ofSeconds(5)).callTimeout(Duration.ofSeconds(15)).build();
  }

  @Override
  public Answer send(Payloads.Delivery d) throws IOException {
    Request request = new Request.Builder().url(url).header("X-GitHub-Event", d.event())
        .header("X-GitHub-Delivery", d.id()).header("X-GitHub-Hook-ID", "4242")
        .header("X-Hub-Signature-256", d.signature()).post(RequestBody.create(d.body(), JSON)).build();
    try (Response response = client.newCall(request).execute()) {
      return new Answer(response.code(), response.body().string());
    }
  }

  @Override
  public void close() {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  /** Sockets with {@code TCP_NODELAY} set: unconnected ones (what OkHttp asks for) and connected ones alike. */
  static final class NoDelaySockets extends SocketFactory {
    @Override
    public Socket createSocket() throws IOException {
      Socket socket = new Socket();
      socket.setTcpNoDelay(true);
      return socket;
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
      return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
        throws IOException {
      return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    private Socket connected(InetSocketAddress remote, @Nullable InetSocketAddress local) throws IOException {
      Socket socket = createSocket();
      try {
        if (local != null) {
          socket.bind(local);
        }
        socket.connect(remote);
        return socket;
      } catch (IOException e) {
        socket.close();
        throw e;
      }
    }
  }
}
