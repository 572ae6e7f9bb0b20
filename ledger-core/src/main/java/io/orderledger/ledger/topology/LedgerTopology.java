package io.orderledger.ledger.topology;

import io.orderledger.events.LedgerCheckpoint;
import io.orderledger.events.OrderEvent;
import io.orderledger.events.seal.SealingSerializer;
import io.orderledger.events.topic.PartnerId;
import io.orderledger.ledger.seal.LedgerSeal;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.Serializer;
import io.orderledger.events.codec.AvroSerde;
import io.orderledger.events.codec.EventSerdes;
import io.orderledger.events.codec.SingleObjectCodec;
import io.orderledger.events.state.LedgerOrderState;
import io.orderledger.events.state.WalletState;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The ledger's Kafka Streams topology, as a pure function of its topics: no Spring, no running streams.
 *
 * <pre>
 *  order-events ──▶ order-event-processor ──▶ order-views            (OrderKey, partitioned by partner)
 *   (bytes)           │  ledger-orders          ├──▶ wallet-journal   (partner; a hash chain per wallet)
 *                     │  ledger-wallets         ├──▶ ledger-decisions (partner; one per input)
 *                     │                         ├──▶ ledger-checkpoints (partner/currency; signed chain heads)
 *                     │                         ├──▶ wallet-discrepancies
 *                     │  ledger-order-owners ◀──┼──▶ order-owners     (order id → first partner; global store)
 *                     └─────────────────────────┴──▶ order-events-rejected
 * </pre>
 *
 * Every record the query service or the ledger itself reads back is sealed with the ledger's MAC
 * ({@link io.orderledger.events.seal.LedgerMac}); a claim in order-owners that is not sealed is ignored.
 *
 * One sub-topology, keyed by partner throughout, so each partner's events are folded in log order by one task:
 * that is what makes a wallet balance deterministic. There is no repartitioning.
 *
 * <p>Which partner owns an order id across partitions comes from a small compacted topic of claims (one record per
 * new order) read into a global store by every instance. A claim is visible once its transaction commits (within a
 * commit interval), so two partners creating the same order id inside that window are both accepted; within one
 * partition the orders store catches it at once. The index exists to catch a misconfigured source replaying another
 * partner's orders, whose ids arrive long after the owner's.
 */
public final class LedgerTopology {

  static final String SOURCE = "order-events-source";
  static final String PROCESSOR = "order-event-processor";
  static final String VIEWS_SINK = "order-views-sink";
  static final String JOURNAL_SINK = "wallet-journal-sink";
  static final String REJECTS_SINK = "order-events-rejected-sink";
  static final String DISCREPANCIES_SINK = "wallet-discrepancies-sink";
  static final String OWNERS_SINK = "order-owners-sink";
  static final String DECISIONS_SINK = "ledger-decisions-sink";
  static final String CHECKPOINTS_SINK = "ledger-checkpoints-sink";

  /**
   * How the stores are built. The record cache collapses repeated writes of a key between commits (fewer changelog
   * records) but costs a copy per write; which wins depends on the working set, so it is a setting.
   */
  public record StoreOptions(boolean cacheOrders, boolean cacheWallets) {
    public static StoreOptions defaults() {
      return new StoreOptions(false, true);
    }
  }

  private LedgerTopology() {
  }

  public static Topology build(LedgerTopics topics, EventSerdes serdes, LedgerMetrics metrics, LedgerSeal seal) {
    return build(topics, serdes, metrics, seal, StoreOptions.defaults());
  }

  public static Topology build(LedgerTopics topics, EventSerdes serdes, LedgerMetrics metrics, LedgerSeal seal, StoreOptions options) {
    return build(topics, serdes, metrics, seal, options, Long.MAX_VALUE);
  }

  /**
   * @param seal the MAC every published record carries, and the key the wallets' checkpoints are signed with
   * @param inputUntil inputs whose record timestamp is later than this are skipped: a rebuild of the views as they
   *     were at a time (the audit tool's {@code replay --until}); {@code Long.MAX_VALUE} in the service
   */
  public static Topology build(LedgerTopics topics, EventSerdes serdes, LedgerMetrics metrics, LedgerSeal seal, StoreOptions options,
                               long inputUntil) {
    SingleObjectCodec<OrderEvent> codec = serdes.orderEvent().codec();
    String input = topics.orderEvents().name();
    // The global store comes from the DSL because only StreamsBuilder#addGlobalStore restores through its processor
    // (KAFKA-7663): a restore must keep the first claim of an order id, not the last record compaction left.
    StreamsBuilder builder = new StreamsBuilder();
    builder.addGlobalStore(
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LedgerStores.ORDER_OWNERS), Serdes.String(), Serdes.String())
            .withLoggingDisabled(),
        topics.orderOwners().name(),
        Consumed.with(Serdes.String(), Serdes.String()).withName("order-owners-source"),
        () -> new OwnerClaimsUpdater(seal.mac()));
    Topology topology = builder.build();

    topology.addSource(AutoOffsetReset.earliest(), SOURCE,
        Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(), input);
    topology.addProcessor(PROCESSOR, () -> new OrderEventProcessor(codec, input, metrics, inputUntil, seal), SOURCE);
    topology.addStateStore(ordersStore(serdes.ledgerOrderState(), options.cacheOrders()), PROCESSOR);
    topology.addStateStore(walletsStore(serdes.walletState(), options.cacheWallets()), PROCESSOR);

    topology.addSink(VIEWS_SINK, topics.orderViews().name(),
        topics.orderViews().keySerde().serializer(), sealed(topics.orderViews().valueSerde().serializer(), seal),
        new PartnerPartitioner(), PROCESSOR);
    topology.addSink(JOURNAL_SINK, topics.walletJournal().name(),
        topics.walletJournal().keySerde().serializer(), sealed(topics.walletJournal().valueSerde().serializer(), seal), PROCESSOR);
    topology.addSink(REJECTS_SINK, topics.rejected().name(),
        topics.rejected().keySerde().serializer(), topics.rejected().valueSerde().serializer(), PROCESSOR);
    topology.addSink(DISCREPANCIES_SINK, topics.walletDiscrepancies().name(),
        topics.walletDiscrepancies().keySerde().serializer(), sealed(topics.walletDiscrepancies().valueSerde().serializer(), seal), PROCESSOR);
    topology.addSink(OWNERS_SINK, topics.orderOwners().name(),
        topics.orderOwners().keySerde().serializer(), sealed(topics.orderOwners().valueSerde().serializer(), seal), PROCESSOR);
    // Keyed by partner with the default partitioner: the partner's partition, as for the views and the journal.
    topology.addSink(DECISIONS_SINK, topics.decisions().name(),
        topics.decisions().keySerde().serializer(), sealed(topics.decisions().valueSerde().serializer(), seal), PROCESSOR);
    // Keyed partner/currency (compaction keeps each wallet's newest), on the partner's partition.
    topology.addSink(CHECKPOINTS_SINK, topics.checkpoints().name(),
        topics.checkpoints().keySerde().serializer(), sealed(topics.checkpoints().valueSerde().serializer(), seal),
        (String topic, String key, LedgerCheckpoint value, int partitions) -> Optional.of(Set.of(PartnerId.partitionOf(value.getPartnerId(), partitions))),
        PROCESSOR);
    return topology;
  }

  private static <T> Serializer<T> sealed(Serializer<T> serializer, LedgerSeal seal) {
    return new SealingSerializer<>(serializer, seal.mac());
  }

  private static StoreBuilder<KeyValueStore<String, LedgerOrderState>> ordersStore(
      AvroSerde<LedgerOrderState> serde, boolean cached) {
    var builder = Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LedgerStores.ORDERS), Serdes.String(), serde);
    return cached ? builder.withCachingEnabled() : builder.withCachingDisabled();
  }

  private static StoreBuilder<KeyValueStore<String, WalletState>> walletsStore(
      AvroSerde<WalletState> serde, boolean cached) {
    var builder = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(LedgerStores.WALLETS), Serdes.String(), serde);
    return cached ? builder.withCachingEnabled() : builder.withCachingDisabled();
  }
}
