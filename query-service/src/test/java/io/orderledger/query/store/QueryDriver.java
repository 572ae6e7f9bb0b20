package io.orderledger.query.store;

import io.orderledger.events.LedgerCheckpoint;
import io.orderledger.events.codec.SingleObjectCodec;
import io.orderledger.events.seal.CheckpointSignature;
import io.orderledger.events.seal.LedgerMac;
import io.orderledger.testing.keys.TestKeys;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;

import io.orderledger.events.OrderView;
import io.orderledger.events.WalletDiscrepancy;
import io.orderledger.events.WalletEntry;
import io.orderledger.events.codec.EventSerdes;
import io.orderledger.events.LedgerDecisionRecord;
import io.orderledger.events.OrderEvent;
import io.orderledger.query.read.CursorCodec;
import io.orderledger.query.read.PagedRange;
import io.orderledger.query.read.OrderReader;
import io.orderledger.query.read.PartnerData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/** The query topology under TopologyTestDriver, with a clock the test moves. */
public final class QueryDriver implements AutoCloseable {

  public static final EventSerdes SERDES = EventSerdes.shipped();
  /** The tests' ledger keys: what the driver's records are sealed with, and what the topology trusts. */
  public static final LedgerMac MAC = LedgerMac.withKey(TestKeys.LEDGER_MAC);
  public static final LedgerTrust TRUST = new LedgerTrust(MAC, CheckpointSignature.withPublicKey(TestKeys.CHECKPOINT_PUBLIC));
  public final AtomicLong now = new AtomicLong(1_000_000);
  public final TopologyTestDriver driver;
  /** Where the topology's task registers its stores for the API's direct reads. */
  public final LocalStores localStores = new LocalStores();
  private boolean closed;
  public static final CursorCodec CURSORS = new CursorCodec("a-test-secret-of-16-bytes".getBytes(StandardCharsets.UTF_8));
  /** How the readers page, with {@link #CURSORS}. */
  public static final PagedRange PAGING = new PagedRange(CURSORS);
  private final TestInputTopic<byte[], byte[]> views;
  private final TestInputTopic<byte[], byte[]> journal;
  private final TestInputTopic<byte[], byte[]> decisions;
  private final TestInputTopic<byte[], byte[]> events;
  private final TestInputTopic<byte[], byte[]> discrepancies;
  private final TestInputTopic<byte[], byte[]> checkpoints;

  public QueryDriver() {
    Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, "query-test");
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    config.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
    try {
      config.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("query-ttd").toString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Clock clock = new Clock() {
      @Override
      public ZoneOffset getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return Instant.ofEpochMilli(now.get());
      }
    };
    driver = new TopologyTestDriver(QueryTopology.build(QueryTopics.defaults(), clock, MaterializerMetrics.none(), localStores, TRUST), config);
    views = driver.createInputTopic("order-views", Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
    journal = driver.createInputTopic("wallet-journal", Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
    decisions = driver.createInputTopic("ledger-decisions", Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
    events = driver.createInputTopic("order-events", Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
    discrepancies = driver.createInputTopic("wallet-discrepancies", Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
    checkpoints = driver.createInputTopic("ledger-checkpoints", Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
  }

  /** A record as the ledger writes it: sealed with its MAC. */
  private static TestRecord<byte[], byte[]> sealed(byte[] key, byte[] value) {
    RecordHeaders headers = new RecordHeaders();
    MAC.seal(headers, value);
    return new TestRecord<>(key, value, headers);
  }

  public void send(OrderView... toSend) {
    for (OrderView view : toSend) {
      views.pipeInput(sealed((view.getPartnerId() + "/" + view.getOrderId()).getBytes(StandardCharsets.UTF_8),
          SERDES.orderView().serialize("order-views", view)));
    }
  }

  /** Bytes the ledger sealed, but not a view: what the service cannot decode. */
  public void sendRaw(byte[] value) {
    views.pipeInput(sealed(new byte[] {1}, value));
  }

  public void send(WalletEntry entry) {
    journal.pipeInput(sealed(entry.getPartnerId().getBytes(StandardCharsets.UTF_8), SERDES.walletEntry().serialize("wallet-journal", entry)));
  }

  /** A journal entry produced by someone without the ledger's MAC key: a forgery, whatever it says. */
  public void sendUnsealed(WalletEntry entry) {
    journal.pipeInput(entry.getPartnerId().getBytes(StandardCharsets.UTF_8), SERDES.walletEntry().serialize("wallet-journal", entry));
  }

  public void send(LedgerCheckpoint checkpoint) {
    checkpoints.pipeInput(sealed((checkpoint.getPartnerId() + "/" + checkpoint.getCurrency()).getBytes(StandardCharsets.UTF_8),
        SingleObjectCodec.of(LedgerCheckpoint.class).encode(checkpoint)));
  }

  public void send(LedgerDecisionRecord decision) {
    decisions.pipeInput(sealed(decision.getPartnerId().getBytes(StandardCharsets.UTF_8),
        SERDES.ledgerDecision().serialize("ledger-decisions", decision)));
  }

  public void send(OrderEvent event) {
    events.pipeInput(event.getPartnerId().getBytes(StandardCharsets.UTF_8), SERDES.orderEvent().serialize("order-events", event));
  }

  public void send(WalletDiscrepancy discrepancy) {
    discrepancies.pipeInput(sealed(discrepancy.getPartnerId().getBytes(StandardCharsets.UTF_8),
        SERDES.walletDiscrepancy().serialize("wallet-discrepancies", discrepancy)));
  }

  public void sendRawJournal(byte[] value) {
    journal.pipeInput(sealed(new byte[] {1}, value));
  }

  /** Readers over this driver's stores, as the API would get them for the partition. */
  public PartnerData data() {
    return PartnerData.of(LocalStores.Partition.over(taskStore()), PAGING);
  }

  /** The task's one store, which holds every {@link QueryStore}. */
  public KeyValueStore<Bytes, byte[]> taskStore() {
    return driver.getKeyValueStore(QueryStore.TASK_STORE);
  }

  public KeyValueStore<Bytes, byte[]> orders() {
    return Keyspace.bytes(QueryStore.ORDERS, taskStore());
  }

  public KeyValueStore<Bytes, byte[]> index() {
    return Keyspace.bytes(QueryStore.ORDER_INDEX, taskStore());
  }

  public KeyValueStore<String, byte[]> wallets() {
    return Keyspace.text(QueryStore.WALLETS, taskStore());
  }

  public KeyValueStore<String, byte[]> chains() {
    return Keyspace.text(QueryStore.CHAINS, taskStore());
  }

  public KeyValueStore<Bytes, byte[]> journal() {
    return Keyspace.bytes(QueryStore.JOURNAL, taskStore());
  }

  public OrderReader reader() {
    return data().orders();
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      driver.close();
    }
  }
}
