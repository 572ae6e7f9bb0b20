package io.orderledger.query.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Passes a request on to the instance that holds the partner's partition, unchanged (same path, query and API key),
 * marked so that it is not passed on again. The answer comes back as it is: status, body, Retry-After.
 */
public final class Forwarder {

  /** Set on a forwarded request; an instance that receives it answers itself or refuses. */
  public static final String FORWARDED_HEADER = "X-Order-Ledger-Forwarded";

  /** The other instance's answer. */
  public record Answer(int status, byte[] body, Optional<String> retryAfter) {
  }

  private final HttpClient client;
  private final Duration timeout;

  public Forwarder(Duration timeout) {
    this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    this.timeout = timeout;
  }

  /** The answer, or empty when the other instance could not be reached in time. */
  public Optional<Answer> forward(HostInfo host, String pathAndQuery, String apiKey) {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port() + pathAndQuery))
        .timeout(timeout)
        .header("X-API-KEY", apiKey)
        .header(FORWARDED_HEADER, "1")
        .GET()
        .build();
    try {
      HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      return Optional.of(new Answer(response.statusCode(), response.body(), response.headers().firstValue("Retry-After")));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
