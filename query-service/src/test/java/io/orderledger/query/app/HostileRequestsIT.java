package io.orderledger.query.app;

import static io.orderledger.query.Audits.chain;
import static io.orderledger.query.Audits.decision;
import static io.orderledger.query.Views.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderledger.events.DecisionKind;
import io.orderledger.events.LedgerDecisionRecord;
import io.orderledger.events.OrderState;
import io.orderledger.events.OrderType;
import io.orderledger.events.OrderView;
import io.orderledger.events.WalletEntry;
import io.orderledger.testing.kafka.SharedKafkaBroker;
import io.orderledger.testing.net.FreePorts;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API under generated hostile input, sent over a bare socket so that nothing is cleaned up on the way: every
 * endpoint (and paths that are none), every method, random and boundary values for every parameter, repeated and
 * missing parameters, oversized values, odd encodings and unicode, raw bytes, path tricks ({@code ..}, {@code %2F},
 * {@code ;}, another partner's ids), and missing, malformed, duplicated and oversized headers. Whatever comes in, the
 * answer is never a 5xx, an error is always the JSON envelope with a stable code, no body carries a stack trace or an
 * internal address, and no key ever sees another partner's data.
 */
class HostileRequestsIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String A = "key-of-partner-a";
  private static final String B = "key-of-partner-b";
  /** Order ids that name their partner, so that a leak is visible in any body. */
  private static final String A_ORDER = "alpha-order-";
  private static final String B_ORDER = "bravo-order-";
  private static final long T0 = 1_775_000_000_000L;
  private static final Map<Integer, Integer> STATUSES = new TreeMap<>();
  private static final AtomicInteger SENT = new AtomicInteger();
  private static QueryServiceRunner runner;
  private static ConfigurableApplicationContext app;
  private static int port;

  @BeforeContainer
  static void startServiceWithData() throws Exception {
    runner = new QueryServiceRunner(SharedKafkaBroker.get(), "hostile-" + UUID.randomUUID().toString().substring(0, 8) + "-");
    List<OrderView> views = new ArrayList<>();
    List<LedgerDecisionRecord> decisions = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      views.add(view("partner-a", A_ORDER + i, i % 2 == 0 ? OrderType.DATA : OrderType.GIFT_CARD, OrderState.COMPLETED, T0 + i * 1_000L, 1));
      views.add(view("partner-b", B_ORDER + i, OrderType.DATA, OrderState.PENDING, T0 + i * 1_000L, 1));
      decisions.add(decision("partner-a", A_ORDER + i, "ea" + i, DecisionKind.APPLIED, T0 + i * 1_000L, 0, null, OrderState.COMPLETED, List.of()));
      decisions.add(decision("partner-b", B_ORDER + i, "eb" + i, DecisionKind.APPLIED, T0 + i * 1_000L, 0, null, OrderState.PENDING, List.of()));
    }
    List<WalletEntry> journal = new ArrayList<>(chain("partner-a", "GHS", 25, T0));
    journal.addAll(chain("partner-b", "GHS", 25, T0));
    runner.send(views, journal);
    runner.sendAudit(decisions, List.of());
    port = FreePorts.freePort();
    // Neither limit applies here: thousands of generated requests come from one address, many with wrong keys on purpose.
    app = runner.start(port, List.of("--query.rate-limit.enabled=false", "--query.auth-failures.per-minute=100000000",
        "--query.auth-failures.burst=100000000"));
    await().atMost(Duration.ofSeconds(90)).until(() -> runner.readiness(port).statusCode() == 200
        && runner.get(port, "/api/v1/orders?orderType=all&limit=100", A).body().contains(A_ORDER + "29\"")
        && runner.get(port, "/api/v1/orders/" + B_ORDER + "29/history", B).statusCode() == 200
        && runner.get(port, "/api/v1/wallet/statement?limit=100", B).body().contains("\"sequence\":25,"));
  }

  @AfterContainer
  static void stop() {
    System.out.printf("[hostile requests] %,d generated requests sent; statuses %s; 5xx seen: %d%n", SENT.get(), STATUSES,
        STATUSES.entrySet().stream().filter(e -> e.getKey() >= 500).mapToInt(Map.Entry::getValue).sum());
    if (app != null) {
      app.close();
    }
  }

  /** One generated request: the request line and headers as raw bytes, and a body. */
  record HostileRequest(String method, byte[] target, String key, List<String> headers, byte[] body) {

    byte[] head() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes((method + " ").getBytes(StandardCharsets.ISO_8859_1));
      out.writeBytes(target);
      out.writeBytes(" HTTP/1.1\r\nHost: 127.0.0.1".getBytes(StandardCharsets.ISO_8859_1));
      for (String header : headers) {
        out.writeBytes(("\r\n" + header).getBytes(StandardCharsets.UTF_8));
      }
      return out.toByteArray();
    }

    String targetText() {
      return new String(target, StandardCharsets.ISO_8859_1);
    }

    @Override
    public String toString() {
      return method + " " + abbreviate(targetText()) + " key=" + abbreviate(String.valueOf(key)) + " headers=" + headers.stream()
          .map(HostileRequestsIT::abbreviate).toList() + " body=" + body.length + " B";
    }
  }

  /**
   * Generated requests from a fixed seed in {@code mvn -B verify}; {@code -Dhostile.seed=N} replays a run, {@code
   * -Pexplore} draws from fresh seeds with ten times the tries (RELIABILITY.md).
   */
  @Property(tries = 5_000, shrinking = net.jqwik.api.ShrinkingMode.BOUNDED)
  @SeededProperty(property = "hostile.seed", seed = 20_261_203L)
  void anyRequestIsAnsweredWithoutA5xxALeakOrAnotherPartnersData(@ForAll("requests") HostileRequest request) throws Exception {
    assertAnsweredWell(request);
  }

  /**
   * Every request a generated run has ever failed on, kept as an example so that it is checked in every build,
   * whatever the seed: each names when it was found and what it showed.
   */
  @Example
  void everyRequestThatOnceFailedIsAnsweredWell() throws Exception {
    for (HostileRequest request : REGRESSIONS) {
      assertAnsweredWell(request);
    }
  }

  /**
   * What a client cannot do (issue 21): forge the header instances vouch for each other with (400, whatever it
   * claims), reach operations on the API's port (404: they are on the management port, on loopback), or get an answer
   * a browser could read as something other than JSON (nosniff everywhere; no-store on the API).
   */
  @Example
  void internalHeadersAndOperationsAreNotTheClientsToReach() throws Exception {
    for (String forged : List.of("1", "v1;partner-b;orders:read,wallet:read,audit:read;" + System.currentTimeMillis() + ";" + "ab".repeat(32),
        "v1;partner-a;audit:read;" + System.currentTimeMillis() + ";00", "")) {
      for (String key : java.util.Arrays.asList(A, null)) {
        RawHttp.Response response = RawHttp.exchange(port, request("GET", "/api/v1/orders?orderType=all", key,
            "X-Order-Ledger-Forwarded: " + forged).head(), new byte[0], false);
        assertThat(response.status()).as("forged forwarding header [%s]", forged).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("error").get("code").asString()).isEqualTo("INVALID_REQUEST");
        assertThat(response.body()).doesNotContain(B_ORDER, A_ORDER);
      }
    }
    for (String path : List.of("/actuator/prometheus", "/actuator/health", "/actuator/health/readiness", "/actuator/metrics", "/actuator/env",
        "/actuator")) {
      for (String key : java.util.Arrays.asList(A, null)) {
        RawHttp.Response response = RawHttp.exchange(port, request("GET", path, key).head(), new byte[0], false);
        assertThat(response.status()).as("%s on the API port", path).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).get("error").get("code").asString()).isEqualTo("NOT_FOUND");
      }
    }
    RawHttp.Response ok = RawHttp.exchange(port, request("GET", "/api/v1/orders?orderType=all", A).head(), new byte[0], false);
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.header("x-content-type-options")).isEqualTo("nosniff");
    assertThat(ok.header("cache-control")).isEqualTo("no-store");
    assertThat(runner.get(runner.management(port), "/actuator/prometheus", null).body()).as("operations are on the management port")
        .contains("query_auth_failures_total");
  }

  private static final List<HostileRequest> REGRESSIONS = List.of(
      // 2026-11-30: a query parameter with no name was a 500 (Tomcat parses the query string lazily).
      request("GET", "/api/v1/orders?=x", A),
      // 2026-11-30: an unsupported charset in Content-Type was a 500.
      request("GET", "/api/v1/orders", A, "Content-Type: application/json; charset=klingon"),
      // 2026-11-30: Tomcat's connector answered an unsupported transfer coding with a bare 501.
      request("GET", "/api/v1/orders", A, "Transfer-Encoding: identity"),
      // 2026-11-30: two X-API-KEY headers were served as the first key's partner.
      request("GET", "/api/v1/orders?orderType=all", A, "X-API-KEY: " + B),
      // 2026-11-30: the asterisk-form with an unsupported transfer coding: a bare 501 no valve saw.
      request("OPTIONS", "*", A, "Transfer-Encoding: identity"),
      // 2026-12-03 (fresh-clone CI): a space in the target makes the request line unparseable; with the asterisk-form
      // Tomcat answered a bare 400 with no content type and no body.
      request("OPTIONS", "*?orderType=' OR 1=1 --", A),
      request("OPTIONS", "* HTTP/1.0 x", A),
      request("OPTIONS", "*", A),
      // 2026-11-30: a body sent with Expect: 100-continue; the answer may carry an interim 100 before the final one.
      new HostileRequest("POST", "/api/v1/orders".getBytes(StandardCharsets.ISO_8859_1), null,
          List.of("Expect: 100-continue"), "{}".getBytes(StandardCharsets.UTF_8)),
      new HostileRequest("GET", "/api/v1/orders".getBytes(StandardCharsets.ISO_8859_1), A,
          List.of("X-API-KEY: " + A, "Expect: 100-continue"), new byte[1_500]),
      // 2026-11-30 (a generated run) and 2026-12-03: a line break in the target ends the request line before its
      // version, which makes it an HTTP/0.9 request; Tomcat answered it as one (a body, no status line, here a 401
      // since HTTP/0.9 has no headers), which the raw reader took for garbage. Now refused: AdapterRefusals.
      request("GET", "/api/v1/orders/a\nb", A),
      request("GET", "/api/v1/orders\n", A),
      request("GET", "/console\n", A),
      request("GET", "/actuator/health\n", A),
      request("GET", "/api/v1/orders/a\rb", A),
      request("GET", "/api/v1/orders\r\n", A),
      // 2026-12-03 (fresh-clone CI, the fixed seed): a request line that does not parse, sent right after an HTTP/0.9
      // request, was refused without a status line: Tomcat reused the 0.9 request's processor with its flag still set
      // (server.tomcat.processor-cache=0 now). The pair, in this order, three times over.
      request("GET", "/api/v1/orders/a\nb", A), request("GET", "/api/v1/orders?a=<>", A),
      request("GET", "/api/v1/orders/a\nb", A), request("GET", "/api/v1/orders?%E2=\u00e2\u00b0", A),
      request("GET", "/console\n", A), request("OPTIONS", "*?x=' OR 1=1", A));

  private static HostileRequest request(String method, String target, String key, String... extraHeaders) {
    List<String> headers = new ArrayList<>();
    headers.add("X-API-KEY: " + key);
    headers.addAll(List.of(extraHeaders));
    return new HostileRequest(method, target.getBytes(StandardCharsets.UTF_8), key, headers, new byte[0]);
  }

  private static void assertAnsweredWell(HostileRequest request) throws Exception {
    RawHttp.Response response = RawHttp.exchange(port, request.head(), request.body(), request.method().equals("HEAD"));
    SENT.incrementAndGet();
    synchronized (STATUSES) {
      STATUSES.merge(response.status(), 1, Integer::sum);
    }
    if (response.status() == RawHttp.Response.HTTP_09) {
      // No status line: HTTP/0.9, which only a request line without a version (a line break in the target) asks for.
      // It carries no status and no headers, so its one answer is the envelope refusing it.
      assertThat(request.targetText()).as("a request answered without a status line: %s; answer [%s]", request, response.body()).containsAnyOf("\n", "\r");
      JsonNode envelope = JSON.readTree(response.body());
      assertThat(envelope.get("error").get("code").asString()).as("%s", request).isEqualTo("INVALID_REQUEST");
      return;
    }
    assertThat(response.header("x-content-type-options")).as("nosniff on %s", request).isEqualTo("nosniff");
    assertThat(response.status()).as("status of %s: %s", request, abbreviate(response.body())).isLessThan(500);
    // The API description names the local stack's address on purpose; any other body must not name one.
    boolean description = response.status() == 200 && request.targetText().startsWith("/v3/api-docs");
    assertThat(description ? "" : response.body()).as("body of %s", request)
        .doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("java.").doesNotContain("org.springframework")
        .doesNotContain("127.0.0.1").doesNotContain("localhost").doesNotContain("forwarded:").doesNotContainIgnoringCase("tomcat");
    if (response.status() >= 400 && !request.method().equals("HEAD")) {
      assertThat(response.header("content-type")).as("content type of %s", request).startsWith("application/json");
      JsonNode envelope = JSON.readTree(response.body());
      assertThat(envelope.get("success").asBoolean()).as("%s", request).isFalse();
      assertThat(envelope.get("error").get("code").asString()).as("%s", request).matches("[A-Z_]+");
      assertThat(envelope.get("error").get("message").isString()).as("%s", request).isTrue();
    }
    String asked = request.targetText() + String.join("\n", request.headers());
    for (String foreign : foreignMarkers(sentKey(request))) {
      if (!asked.contains(foreign)) {
        assertThat(response.body()).as("%s answered another partner's data", request).doesNotContain(foreign);
      }
    }
  }

  /**
   * The key the request carries: its only {@code X-API-KEY} header, whichever part of the generator put it there (the
   * key slot or the random headers). Two of them, or none, is no key: then no partner's data may show.
   */
  private static String sentKey(HostileRequest request) {
    List<String> keys = request.headers().stream().filter(header -> header.regionMatches(true, 0, "X-API-KEY:", 0, 10))
        .map(header -> header.substring(10)).toList();
    return keys.size() == 1 ? keys.get(0) : null;
  }

  /**
   * What a key must never see: the other partner's order ids and name; without a valid key, either's. A header value
   * loses its leading and trailing spaces and tabs on the way (RFC 9110), so {@code "key "} is the key.
   */
  private static List<String> foreignMarkers(String sent) {
    String key = sent == null ? null : sent.replaceAll("^[ \\t]+|[ \\t]+$", "");
    if (A.equals(key) || QueryServiceRunner.NO_AUDIT_KEY.equals(key)) {
      return List.of(B_ORDER, "partner-b");
    }
    if (B.equals(key)) {
      return List.of(A_ORDER, "partner-a");
    }
    return List.of(A_ORDER, B_ORDER, "partner-a", "partner-b");
  }

  @Provide
  Arbitrary<HostileRequest> requests() {
    Arbitrary<String> methods = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(12, Arbitraries.just("GET")), net.jqwik.api.Tuple.of(1, Arbitraries.just("HEAD")),
        net.jqwik.api.Tuple.of(1, Arbitraries.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE")),
        net.jqwik.api.Tuple.of(1, Arbitraries.strings().withCharRange('A', 'Z').ofMinLength(1).ofMaxLength(12)));
    Arbitrary<String> keys = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, Arbitraries.just(A)), net.jqwik.api.Tuple.of(2, Arbitraries.just(B)),
        net.jqwik.api.Tuple.of(1, Arbitraries.of(QueryServiceRunner.NO_AUDIT_KEY, QueryServiceRunner.NO_PERMISSION_KEY)),
        net.jqwik.api.Tuple.of(2, Arbitraries.of(null, "", " ", "not-a-key", A + " ", A.toUpperCase(), "x".repeat(9_000), "ключ", A + "\u0000")));
    return Combinators.combine(methods, targets(), keys, extraHeaders(), bodies())
        .as((method, target, key, extra, body) -> {
          List<String> headers = new ArrayList<>();
          if (key != null) {
            headers.add("X-API-KEY: " + key);
          }
          headers.addAll(extra);
          return new HostileRequest(method, target, key, headers, body);
        });
  }

  /** A request target: a real endpoint or a near miss, with a generated id and query string, encoded oddly or not. */
  private Arbitrary<byte[]> targets() {
    Arbitrary<String> paths = Arbitraries.of("/api/v1/orders", "/api/v1/orders/{id}", "/api/v1/orders/{id}/history", "/api/v1/wallet",
        "/api/v1/wallet/statement", "/api/v1/wallet/discrepancies", "/api/v1/orders/{id}/{id}", "/api/v1/{id}", "/api/v2/orders",
        "/api//v1/orders", "/API/V1/ORDERS", "/api/v1/orders/", "/api/v1/orders/{id}/history/", "/console", "/console/{id}",
        "/actuator/health", "/actuator/{id}", "/v3/api-docs", "/{id}", "/", "*", "http://evil.example/api/v1/orders");
    Arbitrary<String> ids = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0, 31).map(i -> A_ORDER + i)),
        net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0, 31).map(i -> B_ORDER + i)),
        net.jqwik.api.Tuple.of(3, Arbitraries.of("..", ".", "..%2F..%2Fwallet", "%2e%2e", "%2E%2E%2F", "%2F", "%5C", ";jsessionid=1",
            A_ORDER + "1;x=y", "%00", "a%00b", "%ZZ", "%", "%E2%80%AE", "%F0%9F%92%A9", "%C0%AF", "%FF", "partner-b%2F" + B_ORDER + "1",
            B_ORDER + "1%2F..%2F" + A_ORDER + "1", "~", "%20", "+", "{}", "\"'<>", "a".repeat(3_000), "a\nb", "\r\n", "%0D%0A")),
        net.jqwik.api.Tuple.of(2, Arbitraries.strings().all().ofMaxLength(40)));
    Arbitrary<String> query = queries();
    return Combinators.combine(paths, ids, ids, query, Arbitraries.of(true, false))
        .as((path, id, other, q, rawUnicode) -> {
          String target = path.replaceFirst("\\{id}", java.util.regex.Matcher.quoteReplacement(id))
              .replace("{id}", other) + q;
          // Most targets are sent as UTF-8 bytes as a sloppy client would; some percent-encode what is not ASCII.
          return rawUnicode ? target.getBytes(StandardCharsets.UTF_8) : percentEncodeNonAscii(target).getBytes(StandardCharsets.ISO_8859_1);
        });
  }

  private Arbitrary<String> queries() {
    Arbitrary<String> names = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, Arbitraries.of("orderType", "state", "limit", "cursor", "createdFrom", "createdTo", "asOf", "currency",
            "from", "to")),
        net.jqwik.api.Tuple.of(1, Arbitraries.of("", "=", "LIMIT", "limit[]", "x", "%6Cimit", "orderType%00")),
        net.jqwik.api.Tuple.of(1, Arbitraries.strings().all().ofMaxLength(8)));
    Arbitrary<String> values = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, Arbitraries.of("", " ", "0", "1", "-1", "20", "99", "100", "101", "2147483647", "2147483648",
            "9223372036854775807", "9223372036854775808", "-9223372036854775808", "1e3", "0x10", "NaN", "null", "true", "all", "data",
            "gift_card", "esim", "DATA", "pending", "completed", "reversed", "GHS", "USD", "ghs", "XXX", "€", "1775000000000",
            "1775000010000", "99999999999999", "2026-03-31T23:33:20Z", "2026-03-31T23:33:20.123+02:00", "2026-13-45T99:99:99Z",
            "9999-12-31T23:59:59Z", "1970-01-01T00:00:00Z", "AQAAAZ1GTdb9", "////", "%00", "%ZZ", "%", "%F0%9F%92%A9", "<script>",
            "' OR 1=1 --", "${jndi:ldap://x}", "../../etc/passwd", A_ORDER + "1", B_ORDER + "1")),
        net.jqwik.api.Tuple.of(1, Arbitraries.strings().all().ofMaxLength(30)),
        net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(1, 6).map(n -> "9".repeat(n * 700))),
        net.jqwik.api.Tuple.of(1, Arbitraries.longs().map(String::valueOf)));
    Arbitrary<String> pair = Combinators.combine(names, values, Arbitraries.of(true, false))
        .as((name, value, encode) -> encode ? encode(name) + "=" + encode(value) : name + "=" + value);
    return pair.list().ofMaxSize(6).map(pairs -> pairs.isEmpty() ? "" : "?" + String.join("&", pairs));
  }

  private Arbitrary<List<String>> extraHeaders() {
    Arbitrary<String> header = Arbitraries.of("Accept: application/json", "Accept: text/html", "Accept: */*", "Accept: application/xml",
        "Accept: !!", "Accept: application/json;q=0", "Accept-Charset: utf-32", "Accept-Encoding: gzip, br", "Content-Type: text/plain",
        "Content-Type: application/json; charset=klingon", "X-API-KEY: " + B, "X-API-KEY:", "X-Forwarded-For: 10.0.0.1",
        "X-Forwarded-Host: evil.example", "Forwarded: for=10.0.0.1;host=evil.example", "X-Served-By: me", "Range: bytes=0-1",
        "If-None-Match: *", "Origin: http://evil.example", "Cookie: SESSION=1", "Expect: 100-continue", "Referer: " + "r".repeat(6_000),
        "X-Long: " + "h".repeat(7_000), "Accept-Language: ☃", "Transfer-Encoding: identity",
        // The instances' internal header, as a client might forge it: never accepted (400), never another partner's data.
        "X-Order-Ledger-Forwarded: 1", "X-Order-Ledger-Forwarded: v1;partner-b;orders:read,wallet:read,audit:read;0;00");
    return header.list().ofMaxSize(4);
  }

  private Arbitrary<byte[]> bodies() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, Arbitraries.just(new byte[0])),
        net.jqwik.api.Tuple.of(1, Arbitraries.of("{}", "{\"orderType\":\"all\"}", "[", "null", "\u0000\u0001").map(s -> s.getBytes(StandardCharsets.UTF_8))),
        net.jqwik.api.Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(2_000)));
  }

  private static String encode(String text) {
    return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static String percentEncodeNonAscii(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      if (b < 0x21 || b == 0x7f) {
        out.append('%').append(String.format("%02X", b & 0xff));
      } else {
        out.append((char) b);
      }
    }
    return out.toString();
  }

  private static String abbreviate(String text) {
    return text.length() <= 160 ? text : text.substring(0, 160) + "…(" + text.length() + " chars)";
  }
}
