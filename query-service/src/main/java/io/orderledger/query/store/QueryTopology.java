package io.orderledger.query.store;

import java.time.Clock;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;

/**
 * The query service's topology: the ledger's outputs and the events into queryable stores. A pure function of its
 * topics (the application hands it Spring Kafka's StreamsBuilder; tests build it alone).
 *
 * <pre>
 *   order-views ──────┐                          ┌─▶ query-orders, query-order-index     the orders API
 *   wallet-journal ───┼─▶ query-materializer ────┼─▶ query-order-versions                asOf
 *   ledger-decisions ─┤                          ├─▶ query-order-history, query-source-records   an order's history
 *   order-events ─────┤                          ├─▶ query-wallets, query-journal, query-journal-time, query-journal-chains
 *                     │                          │                                      wallets and statements
 *   wallet-discrepancies ┤                       └─▶ query-discrepancies                 where a source's figures disagreed
 *   ledger-checkpoints ──┘                       (query-journal-chains)                  each wallet's signed anchor
 * </pre>
 *
 * Each store on the right is a key range of the task's one RocksDB store, {@code query-state} ({@link QueryStore}).
 *
 * A record of the ledger's is materialised only if it carries the ledger's seal ({@link LedgerTrust}); a journal entry
 * only if it also extends its wallet's chain.
 *
 * Every topic is keyed or partitioned by partner with the same partition count, and read by one processor, so one task
 * holds everything of a partner: the instance to ask is the one holding the partner's partition.
 */
public final class QueryTopology {

  static final String SOURCE = "query-source";
  static final String PROCESSOR = "query-materializer";

  private QueryTopology() {
  }

  public static Topology build(QueryTopics topics, Clock clock, MaterializerMetrics metrics, LocalStores localStores, LedgerTrust trust) {
    StreamsBuilder builder = new StreamsBuilder();
    define(builder, topics, clock, metrics, localStores, trust);
    return builder.build();
  }

  /**
   * @param localStores where each task registers its stores for direct reads
   * @param trust what a record of the ledger's must carry to be materialised
   */
  public static void define(StreamsBuilder builder, QueryTopics topics, Clock clock, MaterializerMetrics metrics, LocalStores localStores,
                            LedgerTrust trust) {
    builder.addStateStore(Stores.keyValueStoreBuilder(new ConcurrentReadStoreSupplier(QueryStore.TASK_STORE), Serdes.Bytes(), Serdes.ByteArray()));
    builder.stream(topics.all(),
            Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(SOURCE).withOffsetResetPolicy(AutoOffsetReset.earliest()))
        .process(() -> new Materializer(topics, clock, metrics, localStores, trust), Named.as(PROCESSOR), QueryStore.TASK_STORE);
  }
}
