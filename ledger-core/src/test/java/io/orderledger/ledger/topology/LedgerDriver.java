package io.orderledger.ledger.topology;

import io.orderledger.events.LedgerCheckpoint;
import io.orderledger.events.LedgerDecisionRecord;
import io.orderledger.events.seal.LedgerMac;
import io.orderledger.ledger.seal.CheckpointSigner;
import io.orderledger.ledger.seal.LedgerSeal;
import io.orderledger.testing.keys.TestKeys;
import io.orderledger.events.OrderEvent;
import io.orderledger.events.OrderView;
import io.orderledger.events.RejectedEvent;
import io.orderledger.events.WalletDiscrepancy;
import io.orderledger.events.WalletEntry;
import io.orderledger.events.codec.EventSerdes;
import io.orderledger.events.state.LedgerOrderState;
import io.orderledger.events.state.WalletState;
import io.orderledger.events.topic.OrderKey;
import io.orderledger.events.wallet.CurrencyBalances;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/** The ledger topology under TopologyTestDriver, with typed topics: synchronous, so tests never wait. */
public final class LedgerDriver implements AutoCloseable {

  public static final EventSerdes SERDES = EventSerdes.shipped();
  public static final LedgerTopics TOPICS = LedgerTopics.of(LedgerTopicNames.defaults(), SERDES);
  /** The tests' keys, a checkpoint every 5 entries of a wallet (and every 10 s of wall-clock time, which the driver controls). */
  public static final LedgerSeal SEAL = new LedgerSeal(LedgerMac.withKey(TestKeys.LEDGER_MAC),
      CheckpointSigner.of(TestKeys.CHECKPOINT_PRIVATE, TestKeys.CHECKPOINT_PUBLIC), 5, java.time.Duration.ofSeconds(10));

  public final CountingMetrics metrics = new CountingMetrics();
  public final TopologyTestDriver driver;
  public final TestInputTopic<String, OrderEvent> events;
  public final TestInputTopic<byte[], byte[]> rawEvents;
  public final TestInputTopic<String, String> ownerClaims;
  public final TestOutputTopic<OrderKey, OrderView> views;
  public final TestOutputTopic<String, WalletEntry> journal;
  public final TestOutputTopic<byte[], RejectedEvent> rejects;
  public final TestOutputTopic<String, WalletDiscrepancy> discrepancies;
  public final TestOutputTopic<String, String> owners;
  public final TestOutputTopic<String, LedgerDecisionRecord> decisions;
  public final TestOutputTopic<String, LedgerCheckpoint> checkpoints;

  public LedgerDriver() {
    this(LedgerTopology.StoreOptions.defaults());
  }

  public LedgerDriver(LedgerTopology.StoreOptions options) {
    Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, "ledger-test");
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    config.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
    try {
      config.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("ledger-ttd").toString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    driver = new TopologyTestDriver(LedgerTopology.build(TOPICS, SERDES, metrics, SEAL, options), config);
    events = driver.createInputTopic(TOPICS.orderEvents().name(), Serdes.String().serializer(), SERDES.orderEvent().serializer());
    rawEvents = driver.createInputTopic(TOPICS.orderEvents().name(), Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
    ownerClaims = driver.createInputTopic(TOPICS.orderOwners().name(), Serdes.String().serializer(), Serdes.String().serializer());
    views = driver.createOutputTopic(TOPICS.orderViews().name(), OrderKey.serde().deserializer(), SERDES.orderView().deserializer());
    journal = driver.createOutputTopic(TOPICS.walletJournal().name(), Serdes.String().deserializer(), SERDES.walletEntry().deserializer());
    rejects = driver.createOutputTopic(TOPICS.rejected().name(), Serdes.ByteArray().deserializer(), SERDES.rejectedEvent().deserializer());
    discrepancies = driver.createOutputTopic(TOPICS.walletDiscrepancies().name(), Serdes.String().deserializer(), SERDES.walletDiscrepancy().deserializer());
    owners = driver.createOutputTopic(TOPICS.orderOwners().name(), Serdes.String().deserializer(), Serdes.String().deserializer());
    decisions = driver.createOutputTopic(TOPICS.decisions().name(), Serdes.String().deserializer(), SERDES.ledgerDecision().deserializer());
    checkpoints = driver.createOutputTopic(TOPICS.checkpoints().name(), Serdes.String().deserializer(),
        TOPICS.checkpoints().valueSerde().deserializer());
  }

  public void send(OrderEvent... toSend) {
    for (OrderEvent event : toSend) {
      events.pipeInput(event.getPartnerId(), event);
    }
  }

  public void sendRaw(String key, byte[] value) {
    rawEvents.pipeInput(key == null ? null : key.getBytes(StandardCharsets.UTF_8), value);
  }

  KeyValueStore<String, LedgerOrderState> orders() {
    return driver.getKeyValueStore(LedgerStores.ORDERS);
  }

  public long balance(String partnerId, String currency) {
    KeyValueStore<String, WalletState> wallets = driver.getKeyValueStore(LedgerStores.WALLETS);
    WalletState wallet = wallets.get(partnerId);
    return wallet == null || !wallet.getBalances().containsKey(currency) ? 0 : CurrencyBalances.balance(wallet.getBalances().get(currency));
  }

  @Override
  public void close() {
    driver.close();
  }
}
