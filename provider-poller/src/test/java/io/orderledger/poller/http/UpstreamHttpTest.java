package io.orderledger.poller.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The poller's HTTP client against a real HTTP server: the whole answer is bounded in time (a source that stalls before
 * its headers or in the middle of its body is a timeout, at the deadline, not later), the body in size, and a request
 * starts no thread of its own.
 */
class UpstreamHttpTest {

  static {
    System.setProperty("sun.net.httpserver.nodelay", "true"); // else the JDK server's answers wait out delayed ACKs (40 ms)
  }

  private static final Duration TIMEOUT = Duration.ofMillis(800);
  private static final int LIMIT = 64 * 1024;
  private static final ResilienceSettings ONCE = new ResilienceSettings(Duration.ofSeconds(2), TIMEOUT, 1, Duration.ofMillis(10),
      Duration.ofMillis(10), Duration.ofSeconds(1), LIMIT, 100f, 100, Duration.ofSeconds(1), 0);

  private final CountDownLatch release = new CountDownLatch(1);
  private HttpServer server;
  private UpstreamHttp http;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/ok", exchange -> {
      byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.createContext("/chunked", exchange -> {
      exchange.sendResponseHeaders(200, 0); // chunked: the body's size is learnt only as it arrives
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(pattern(LIMIT - 1));
      }
    });
    server.createContext("/silent", exchange -> {
      await();
      exchange.close();
    });
    server.createContext("/stalls-mid-body", exchange -> {
      exchange.sendResponseHeaders(200, 0); // chunked
      OutputStream out = exchange.getResponseBody();
      out.write("[{\"id\":".getBytes(StandardCharsets.UTF_8));
      out.flush();
      await();
      exchange.close();
    });
    server.createContext("/too-large", exchange -> {
      exchange.sendResponseHeaders(200, 0); // chunked: no Content-Length to refuse it by
      try (OutputStream out = exchange.getResponseBody()) {
        byte[] chunk = new byte[8192];
        for (int i = 0; i < 2 * LIMIT / chunk.length; i++) {
          out.write(chunk);
        }
      } catch (IOException e) {
        // the client hung up, as it should
      }
    });
    server.createContext("/declared-too-large", exchange -> {
      exchange.sendResponseHeaders(200, LIMIT + 1);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(new byte[LIMIT + 1]);
      } catch (IOException e) {
        // the client hung up, as it should
      }
    });
    server.start();
    http = new UpstreamHttp("test", ONCE, failure -> { });
  }

  private void await() {
    try {
      release.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.stop(0);
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  @Test
  void anAnswerIsReadWhole() {
    assertThat(new String(http.get(uri("/ok"), Map.of(), false).body(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
  }

  @Test
  void anAnswerOfUndeclaredLengthIsReadWholeUpToTheLimit() {
    assertThat(http.get(uri("/chunked"), Map.of(), false).body()).isEqualTo(pattern(LIMIT - 1));
  }

  /** Bytes that differ from one position to the next, so that a piece lost, repeated or out of place shows. */
  private static byte[] pattern(int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) (i * 31 + i / 251);
    }
    return bytes;
  }

  @Test
  void aSourceThatNeverAnswersIsATimeoutAtTheDeadline() {
    assertTimesOutAtTheDeadline("/silent");
  }

  @Test
  void aSourceThatStallsInTheMiddleOfItsBodyIsATimeoutAtTheDeadline() {
    assertTimesOutAtTheDeadline("/stalls-mid-body");
  }

  private void assertTimesOutAtTheDeadline(String path) {
    long start = System.nanoTime();
    assertThatThrownBy(() -> http.get(uri(path), Map.of(), false))
        .isInstanceOfSatisfying(UpstreamFailure.class, failure -> assertThat(failure.kind()).isEqualTo(UpstreamFailure.Kind.TIMEOUT));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(TIMEOUT.minusMillis(50), TIMEOUT.multipliedBy(4));
  }

  @Test
  void aBodyBeyondTheLimitIsRefusedWhetherDeclaredOrNot() {
    for (String path : new String[] {"/too-large", "/declared-too-large"}) {
      assertThatThrownBy(() -> http.get(uri(path), Map.of(), false)).as(path)
          .isInstanceOfSatisfying(UpstreamFailure.class, failure -> assertThat(failure.kind()).isEqualTo(UpstreamFailure.Kind.TOO_LARGE));
    }
  }

  @Test
  void aRequestStartsNoThreadOfItsOwn() {
    http.get(uri("/ok"), Map.of(), false); // the client's own selector and workers start here
    long before = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount();
    for (int i = 0; i < 500; i++) {
      http.get(uri("/ok"), Map.of(), false);
    }
    long started = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount() - before;
    // sendAsync started one per request on two cores (CompletableFuture's default executor); a few for the pools here
    assertThat(started).as("threads started by 500 requests").isLessThan(50);
  }
}
