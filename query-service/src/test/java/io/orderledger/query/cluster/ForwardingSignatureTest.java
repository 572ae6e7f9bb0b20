package io.orderledger.query.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

/** Instances vouch for the requests they pass on with a signature a client cannot make, for that request only, briefly. */
class ForwardingSignatureTest {

  private static final String SECRET = Base64.getEncoder().encodeToString("a-cluster-secret-of-32-bytes-xyz".getBytes(StandardCharsets.UTF_8));
  private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
  private static final ForwardingSignature.Caller CALLER = new ForwardingSignature.Caller("partner-a", Set.of("orders:read", "audit:read"));

  private static ForwardingSignature at(Instant instant) {
    return ForwardingSignature.withSecret(SECRET, Clock.fixed(instant, ZoneOffset.UTC));
  }

  @Test
  void aSignatureVouchesForThatRequestOnlyAndOnlyBriefly() {
    String header = at(NOW).sign("GET", "/api/v1/orders?orderType=all", CALLER);

    assertThat(at(NOW.plusSeconds(5)).verify(header, "GET", "/api/v1/orders?orderType=all")).contains(CALLER);
    assertThat(at(NOW).verify(header, "GET", "/api/v1/orders?orderType=data")).as("another query").isEmpty();
    assertThat(at(NOW).verify(header, "GET", "/api/v1/wallet")).as("another path").isEmpty();
    assertThat(at(NOW).verify(header, "DELETE", "/api/v1/orders?orderType=all")).as("another method").isEmpty();
    assertThat(at(NOW.plus(ForwardingSignature.VALIDITY).plusSeconds(1)).verify(header, "GET", "/api/v1/orders?orderType=all"))
        .as("too old").isEmpty();
    assertThat(at(NOW.minus(ForwardingSignature.VALIDITY).minusSeconds(1)).verify(header, "GET", "/api/v1/orders?orderType=all"))
        .as("from the future").isEmpty();
  }

  @Test
  void whatItClaimsCannotBeChangedNorMadeWithoutTheSecret() {
    String header = at(NOW).sign("GET", "/api/v1/orders", CALLER);
    String otherPartner = header.replace(";partner-a;", ";partner-b;");
    String morePermissions = header.replace("audit:read,orders:read", "audit:read,orders:read,wallet:read");
    ForwardingSignature otherCluster = ForwardingSignature.withSecret(
        Base64.getEncoder().encodeToString("another-secret-of-thirty-two-byt".getBytes(StandardCharsets.UTF_8)), Clock.fixed(NOW, ZoneOffset.UTC));

    assertThat(at(NOW).verify(otherPartner, "GET", "/api/v1/orders")).isEmpty();
    assertThat(at(NOW).verify(morePermissions, "GET", "/api/v1/orders")).isEmpty();
    assertThat(at(NOW).verify(otherCluster.sign("GET", "/api/v1/orders", CALLER), "GET", "/api/v1/orders")).isEmpty();
    for (String forged : new String[] {"1", "", "v1;partner-a;orders:read;x;00", "v1;;orders:read;1;00", "v2" + header.substring(2)}) {
      assertThat(at(NOW).verify(forged, "GET", "/api/v1/orders")).as(forged).isEmpty();
    }
    assertThatThrownBy(() -> ForwardingSignature.withSecret("c2hvcnQ=", Clock.systemUTC())).hasMessageContaining("32 bytes");
  }

  @Test
  void theForwarderSendsTheSignatureAndNeverTheKey() throws Exception {
    AtomicReference<com.sun.net.httpserver.Headers> received = new AtomicReference<>();
    AtomicReference<String> target = new AtomicReference<>();
    HttpServer other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    other.createContext("/", exchange -> {
      received.set(exchange.getRequestHeaders());
      target.set(exchange.getRequestURI().toString());
      byte[] body = "{\"success\":true}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    other.start();
    try {
      ForwardingSignature signature = ForwardingSignature.withSecret(SECRET, Clock.systemUTC());
      Optional<Forwarder.Answer> answer = new Forwarder(Duration.ofSeconds(5), signature, null)
          .forward(new HostInfo("127.0.0.1", other.getAddress().getPort()), "/api/v1/orders?orderType=all", CALLER);

      assertThat(answer).hasValueSatisfying(a -> assertThat(a.status()).isEqualTo(200));
      assertThat(received.get().containsKey("X-api-key")).as("the partner's key stays where it was sent").isFalse();
      assertThat(signature.verify(received.get().getFirst(ForwardingSignature.HEADER), "GET", target.get())).contains(CALLER);
      assertThat(new Forwarder(Duration.ofSeconds(5), null, null).forward(new HostInfo("127.0.0.1", other.getAddress().getPort()),
          "/api/v1/orders", CALLER)).as("an instance alone forwards nothing").isEmpty();
    } finally {
      other.stop(0);
    }
  }
}
