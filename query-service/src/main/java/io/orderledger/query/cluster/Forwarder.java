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
 * Passes a request on to the instance that holds the partner's partition: the same path and query, vouched for by this
 * instance's signature ({@link ForwardingSignature}) instead of the partner's key, which never leaves the instance it
 * was sent to. The signed header also marks it as forwarded, so it is not passed on again. The answer comes back as
 * it is: status, body, Retry-After.
 */
public final class Forwarder {

  /** The other instance's answer. */
  public record Answer(int status, byte[] body, Optional<String> retryAfter) {
  }

  private final HttpClient client;
  private final Duration timeout;
  private final ForwardingSignature signature;
  private final String scheme;

  /**
   * @param signature the cluster's shared secret, or null when this instance runs alone (nothing is forwarded then)
   * @param tls the instances' TLS context (they serve HTTPS with {@code server.ssl}), or null for plain HTTP
   */
  public Forwarder(Duration timeout, ForwardingSignature signature, javax.net.ssl.SSLContext tls) {
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER);
    if (tls != null) {
      builder.sslContext(tls);
    }
    this.client = builder.build();
    this.timeout = timeout;
    this.signature = signature;
    this.scheme = tls == null ? "http" : "https";
  }

  /** The answer, or empty when the other instance could not be reached in time. */
  public Optional<Answer> forward(HostInfo host, String pathAndQuery, ForwardingSignature.Caller caller) {
    if (signature == null) {
      return Optional.empty(); // alone: there is nobody to forward to
    }
    HttpRequest request = HttpRequest.newBuilder(URI.create(scheme + "://" + host.host() + ":" + host.port() + pathAndQuery))
        .timeout(timeout)
        .header(ForwardingSignature.HEADER, signature.sign("GET", pathAndQuery, caller))
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
