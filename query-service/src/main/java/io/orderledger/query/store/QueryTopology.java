package io.orderledger.query.store;

import java.time.Clock;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;

/**
 * The query service's topology: order-views and wallet-journal into three queryable stores. A pure function of its
 * topics (the application hands it Spring Kafka's StreamsBuilder; tests build it alone).
 *
 * <pre>
 *   order-views ────┐                          ┌─▶ query-orders       (partner/order → header + API JSON)
 *                   ├─▶ query-materializer ────┼─▶ query-order-index  (newest first; by type, state, both)
 *   wallet-journal ─┘                          └─▶ query-wallets      (partner → wallets)
 * </pre>
 *
 * Both topics are keyed (order-views) or partitioned (wallet-journal) by partner with the same partition count, and
 * read by one processor, so one task holds everything of a partner: the instance to ask is the one holding the
 * partner's partition.
 */
public final class QueryTopology {

  static final String SOURCE = "query-source";
  static final String PROCESSOR = "query-materializer";

  private QueryTopology() {
  }

  public static Topology build(QueryTopics topics, Clock clock, MaterializerMetrics metrics, LocalStores localStores) {
    StreamsBuilder builder = new StreamsBuilder();
    define(builder, topics, clock, metrics, localStores);
    return builder.build();
  }

  /** @param localStores where each task registers its stores for direct reads */
  public static void define(StreamsBuilder builder, QueryTopics topics, Clock clock, MaterializerMetrics metrics, LocalStores localStores) {
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(QueryStores.ORDERS), Serdes.Bytes(), Serdes.ByteArray()));
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(QueryStores.ORDER_INDEX), Serdes.Bytes(), Serdes.ByteArray()));
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(QueryStores.WALLETS), Serdes.String(), Serdes.ByteArray()));
    builder.stream(List.of(topics.orderViews(), topics.walletJournal()),
            Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(SOURCE).withOffsetResetPolicy(AutoOffsetReset.earliest()))
        .process(() -> new Materializer(topics, clock, metrics, localStores), Named.as(PROCESSOR), QueryStores.ORDERS, QueryStores.ORDER_INDEX, QueryStores.WALLETS);
  }
}
