package io.orderledger.query.app;

import io.orderledger.events.OrderView;
import io.orderledger.events.WalletEntry;
import io.orderledger.events.codec.EventSerdes;
import io.orderledger.events.topic.PartnerId;
import io.orderledger.query.api.ApiKeyRegistry;
import io.orderledger.testing.kafka.KafkaBroker;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts query-service instances against the test broker, feeds them ledger outputs, and calls their HTTP API. */
final class QueryServiceRunner {

  static final int PARTITIONS = 3;
  static final EventSerdes SERDES = EventSerdes.shipped();
  static final Map<String, String> KEYS = Map.of(
      "partner-a", "key-of-partner-a", "partner-b", "key-of-partner-b", "partner-c", "key-of-partner-c");
  static final String NO_PERMISSION_KEY = "key-of-partner-a-without-permissions";
  /** A second key of partner-c, spent by the rate-limit test so that no other test is throttled. */
  static final String RATE_PROBE_KEY = "key-of-partner-c-for-the-rate-limit-test";

  private final KafkaBroker kafka;
  final String run;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  QueryServiceRunner(KafkaBroker kafka, String run) {
    this.kafka = kafka;
    this.run = run;
    kafka.createTopics(PARTITIONS, run + "order-views", run + "wallet-journal");
  }

  /** One instance; {@code port} is also its application.server so that instances can find each other. */
  ConfigurableApplicationContext start(int port, List<String> extra) throws IOException {
    List<String> args = new ArrayList<>(List.of(
        "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
        "--spring.kafka.streams.application-id=" + run + "query",
        "--spring.kafka.streams.state-dir=" + Files.createTempDirectory("query-it"),
        "--spring.kafka.streams.properties.application.server=127.0.0.1:" + port,
        "--spring.kafka.streams.properties.session.timeout.ms=10000",
        "--server.port=" + port,
        "--query.topics.order-views=" + run + "order-views",
        "--query.topics.wallet-journal=" + run + "wallet-journal",
        "--query.topics.partitions=" + PARTITIONS,
        "--query.cursor-secret=the-same-secret-on-every-instance",
        "--query.rate-limit.per-second=20",
        "--query.rate-limit.burst=60"));
    int i = 0;
    for (Map.Entry<String, String> key : KEYS.entrySet()) {
      args.add("--query.api-keys[" + i + "].partner-id=" + key.getKey());
      args.add("--query.api-keys[" + i + "].key-sha256=" + ApiKeyRegistry.sha256Hex(key.getValue()));
      i++;
    }
    args.add("--query.api-keys[" + i + "].partner-id=partner-a");
    args.add("--query.api-keys[" + i + "].key-sha256=" + ApiKeyRegistry.sha256Hex(NO_PERMISSION_KEY));
    args.add("--query.api-keys[" + i + "].permissions=none");
    i++;
    args.add("--query.api-keys[" + i + "].partner-id=partner-c");
    args.add("--query.api-keys[" + i + "].key-sha256=" + ApiKeyRegistry.sha256Hex(RATE_PROBE_KEY));
    args.addAll(extra);
    return new SpringApplicationBuilder(QueryApplication.class).run(args.toArray(String[]::new));
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  void send(List<OrderView> views, List<WalletEntry> entries) {
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
        new ByteArraySerializer(), new ByteArraySerializer())) {
      for (OrderView view : views) {
        producer.send(new ProducerRecord<>(run + "order-views", PartnerId.partitionOf(view.getPartnerId(), PARTITIONS),
            (view.getPartnerId() + "/" + view.getOrderId()).getBytes(StandardCharsets.UTF_8), SERDES.orderView().serialize(null, view)));
      }
      for (WalletEntry entry : entries) {
        producer.send(new ProducerRecord<>(run + "wallet-journal", entry.getPartnerId().getBytes(StandardCharsets.UTF_8),
            SERDES.walletEntry().serialize(null, entry)));
      }
    }
  }

  HttpResponse<String> get(int port, String pathAndQuery, String apiKey) {
    return call(port, "GET", pathAndQuery, apiKey);
  }

  /** A request written byte for byte on a socket, for paths no HTTP client library would send. Returns status and body. */
  static String[] raw(int port, String rawPath, String apiKey) throws IOException {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      String request = "GET " + rawPath + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-KEY: " + apiKey + "\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String status = response.substring(9, 12);
      String body = response.substring(response.indexOf("\r\n\r\n") + 4);
      if (response.toLowerCase().contains("transfer-encoding: chunked")) {
        body = body.substring(body.indexOf("\r\n") + 2, body.lastIndexOf("\r\n0\r\n"));
      }
      return new String[] {status, body};
    }
  }

  HttpResponse<String> call(int port, String method, String pathAndQuery, String apiKey) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
        .timeout(Duration.ofSeconds(20)).method(method, HttpRequest.BodyPublishers.noBody());
    if (apiKey != null) {
      request.header("X-API-KEY", apiKey);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
