package io.orderledger.query.app;

import io.orderledger.events.seal.LedgerMac;
import io.orderledger.testing.keys.TestKeys;

import io.orderledger.events.LedgerDecisionRecord;
import io.orderledger.events.OrderEvent;
import io.orderledger.events.OrderView;
import io.orderledger.events.WalletDiscrepancy;
import io.orderledger.events.WalletEntry;
import io.orderledger.events.codec.EventSerdes;
import io.orderledger.events.topic.PartnerId;
import io.orderledger.query.api.ApiKeyRegistry;
import io.orderledger.testing.kafka.KafkaBroker;
import io.orderledger.testing.net.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
  /** partner-a's orders and wallet, but not the audit trail. */
  static final String NO_AUDIT_KEY = "key-of-partner-a-without-audit";
  /** A second key of partner-c, spent by the rate-limit test so that no other test is throttled. */
  static final String RATE_PROBE_KEY = "key-of-partner-c-for-the-rate-limit-test";

  /** The cluster secret the test instances share: Base64 of 32 bytes. */
  static final String CLUSTER_SECRET = java.util.Base64.getEncoder().encodeToString("the-test-cluster-secret-32-bytes".getBytes(StandardCharsets.UTF_8));

  private final KafkaBroker kafka;
  final String run;
  /** API port → the instance's management port (health, metrics), which is not the API's. */
  private final Map<Integer, Integer> managementPorts = new java.util.concurrent.ConcurrentHashMap<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  QueryServiceRunner(KafkaBroker kafka, String run) {
    this.kafka = kafka;
    this.run = run;
    kafka.createTopics(PARTITIONS, run + "order-views", run + "wallet-journal", run + "ledger-decisions", run + "order-events",
        run + "wallet-discrepancies", run + "ledger-checkpoints");
  }

  /**
   * One instance; {@code port} is also its application.server so that instances can find each other.
   *
   * @param extra more {@code --name=value} arguments; one naming a setting this method sets replaces it
   */
  ConfigurableApplicationContext start(int port, List<String> extra) throws IOException {
    Map<String, String> args = new LinkedHashMap<>();
    args.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
    args.put("spring.kafka.streams.application-id", run + "query");
    args.put("spring.kafka.streams.state-dir", Files.createTempDirectory("query-it").toString());
    args.put("spring.kafka.streams.properties.application.server", "127.0.0.1:" + port);
    args.put("spring.kafka.streams.properties.session.timeout.ms", "10000");
    args.put("server.port", String.valueOf(port));
    int management = FreePorts.freePort();
    managementPorts.put(port, management);
    args.put("management.server.port", String.valueOf(management));
    // Instances sign what they pass on to each other with it (every test instance has an application.server).
    args.put("query.cluster-secret", CLUSTER_SECRET);
    args.put("query.topics.order-views", run + "order-views");
    args.put("query.topics.wallet-journal", run + "wallet-journal");
    args.put("query.topics.decisions", run + "ledger-decisions");
    args.put("query.topics.order-events", run + "order-events");
    args.put("query.topics.discrepancies", run + "wallet-discrepancies");
    args.put("query.topics.checkpoints", run + "ledger-checkpoints");
    // In-process, so on no command line; a service run as a process gets them from its environment (TestKeys).
    args.put("query.ledger-mac-key", TestKeys.LEDGER_MAC);
    args.put("query.ledger-public-key", TestKeys.CHECKPOINT_PUBLIC);
    args.put("query.topics.partitions", String.valueOf(PARTITIONS));
    args.put("query.cursor-secret", "the-same-secret-on-every-instance");
    // Roomy enough that no test but the rate-limit test meets it, however fast the machine runs them.
    args.put("query.rate-limit.per-second", "100");
    args.put("query.rate-limit.burst", "300");
    int i = 0;
    for (Map.Entry<String, String> key : KEYS.entrySet()) {
      args.put("query.api-keys[" + i + "].partner-id", key.getKey());
      args.put("query.api-keys[" + i + "].key-sha256", ApiKeyRegistry.sha256Hex(key.getValue()));
      args.put("query.api-keys[" + i + "].permissions", "orders:read,wallet:read,audit:read"); // audit:read is never a default
      i++;
    }
    args.put("query.api-keys[" + i + "].partner-id", "partner-a");
    args.put("query.api-keys[" + i + "].key-sha256", ApiKeyRegistry.sha256Hex(NO_PERMISSION_KEY));
    args.put("query.api-keys[" + i + "].permissions", "none");
    i++;
    args.put("query.api-keys[" + i + "].partner-id", "partner-a");
    args.put("query.api-keys[" + i + "].key-sha256", ApiKeyRegistry.sha256Hex(NO_AUDIT_KEY));
    args.put("query.api-keys[" + i + "].permissions", "orders:read,wallet:read");
    i++;
    args.put("query.api-keys[" + i + "].partner-id", "partner-c");
    args.put("query.api-keys[" + i + "].key-sha256", ApiKeyRegistry.sha256Hex(RATE_PROBE_KEY));
    for (String arg : extra) {
      int eq = arg.indexOf('=');
      args.put(arg.substring(2, eq), arg.substring(eq + 1));
    }
    return new SpringApplicationBuilder(QueryApplication.class)
        .run(args.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
  }


  void send(List<OrderView> views, List<WalletEntry> entries) {
    try (CheckedProducer producer = new CheckedProducer(kafka.bootstrapServers())) {
      ledgerRecords(views, entries).forEach(producer::send);
    }
  }

  /** Views and journal entries as the ledger writes them: keyed by partner (and order), on the partner's partition. */
  private List<ProducerRecord<byte[], byte[]>> ledgerRecords(List<OrderView> views, List<WalletEntry> entries) {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (OrderView view : views) {
      records.add(sealed(new ProducerRecord<>(run + "order-views", PartnerId.partitionOf(view.getPartnerId(), PARTITIONS),
          (view.getPartnerId() + "/" + view.getOrderId()).getBytes(StandardCharsets.UTF_8), SERDES.orderView().serialize(null, view))));
    }
    for (WalletEntry entry : entries) {
      records.add(sealed(new ProducerRecord<>(run + "wallet-journal", PartnerId.partitionOf(entry.getPartnerId(), PARTITIONS),
          entry.getPartnerId().getBytes(StandardCharsets.UTF_8), SERDES.walletEntry().serialize(null, entry))));
    }
    return records;
  }

  /** The record with the ledger's seal, as the ledger writes every record the query service reads from it. */
  static ProducerRecord<byte[], byte[]> sealed(ProducerRecord<byte[], byte[]> record) {
    MAC.seal(record.headers(), record.value());
    return record;
  }

  static final LedgerMac MAC = LedgerMac.withKey(TestKeys.LEDGER_MAC);

  /**
   * Views and journal entries written in a transaction that is then aborted, as a ledger instance that crashed or was
   * fenced mid-commit leaves them: in the log, never to be shown.
   */
  void sendAborted(List<OrderView> views, List<WalletEntry> entries) {
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ProducerConfig.TRANSACTIONAL_ID_CONFIG, run + "aborting-ledger"), new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      ledgerRecords(views, entries).forEach(producer::send);
      producer.flush(); // in the log before the abort, as a crashed writer's records would be
      producer.abortTransaction();
    }
  }

  /** Decisions and events as the ledger and the poller write them: keyed by partner, on the partner's partition. */
  void sendAudit(List<LedgerDecisionRecord> decisions, List<OrderEvent> events) {
    try (CheckedProducer producer = new CheckedProducer(kafka.bootstrapServers())) {
      for (LedgerDecisionRecord decision : decisions) {
        producer.send(sealed(new ProducerRecord<>(run + "ledger-decisions", PartnerId.partitionOf(decision.getPartnerId(), PARTITIONS),
            decision.getPartnerId().getBytes(StandardCharsets.UTF_8), SERDES.ledgerDecision().serialize(null, decision))));
      }
      for (OrderEvent event : events) {
        producer.send(new ProducerRecord<>(run + "order-events", PartnerId.partitionOf(event.getPartnerId(), PARTITIONS),
            event.getPartnerId().getBytes(StandardCharsets.UTF_8), SERDES.orderEvent().serialize(null, event)));
      }
    }
  }

  /** Wallet discrepancies as the ledger writes them: keyed by partner, on the partner's partition. */
  void sendDiscrepancies(List<WalletDiscrepancy> discrepancies) {
    try (CheckedProducer producer = new CheckedProducer(kafka.bootstrapServers())) {
      for (WalletDiscrepancy discrepancy : discrepancies) {
        producer.send(sealed(new ProducerRecord<>(run + "wallet-discrepancies", PartnerId.partitionOf(discrepancy.getPartnerId(), PARTITIONS),
            discrepancy.getPartnerId().getBytes(StandardCharsets.UTF_8), SERDES.walletDiscrepancy().serialize(null, discrepancy))));
      }
    }
  }

  /** Raw records to a topic of this run, keyed by partner, with the ledger's seal: a copy of what the ledger wrote. */
  void sendSealed(String topic, String partnerId, byte[] value) {
    try (CheckedProducer producer = new CheckedProducer(kafka.bootstrapServers())) {
      producer.send(sealed(new ProducerRecord<>(run + topic, PartnerId.partitionOf(partnerId, PARTITIONS), partnerId.getBytes(StandardCharsets.UTF_8),
          value)));
    }
  }

  /** Raw records to a topic of this run, keyed by partner, without the ledger's seal: what a forger with write access could do. */
  void sendRaw(String topic, String partnerId, byte[] value) {
    try (CheckedProducer producer = new CheckedProducer(kafka.bootstrapServers())) {
      producer.send(new ProducerRecord<>(run + topic, PartnerId.partitionOf(partnerId, PARTITIONS), partnerId.getBytes(StandardCharsets.UTF_8), value));
    }
  }

  /**
   * A producer whose every record must be acknowledged by the time it closes: a test's data that silently failed to
   * arrive would surface later as a puzzling timeout.
   */
  private static final class CheckedProducer implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final List<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>> sent = new ArrayList<>();

    CheckedProducer(String bootstrapServers) {
      // One request in flight: a topic created a moment ago can answer the first batch NOT_LEADER_OR_FOLLOWER while
      // later batches land, and an idempotent producer's retry of the first then fails for good as out of sequence.
      producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
          ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1), new ByteArraySerializer(), new ByteArraySerializer());
    }

    void send(ProducerRecord<byte[], byte[]> record) {
      sent.add(producer.send(record));
    }

    @Override
    public void close() {
      try {
        producer.flush();
        for (var ack : sent) {
          ack.get();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException("test data was not acknowledged by the broker", e.getCause());
      } finally {
        producer.close();
      }
    }
  }

  HttpResponse<String> get(int port, String pathAndQuery, String apiKey) {
    return call(port, "GET", pathAndQuery, apiKey);
  }

  /** The instance's management port (health, metrics, Prometheus), for the instance serving the API on {@code port}. */
  int management(int port) {
    return managementPorts.get(port);
  }

  /** The instance's readiness, asked on its management port as an orchestrator asks it. */
  HttpResponse<String> readiness(int port) {
    return get(management(port), "/actuator/health/readiness", null);
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
