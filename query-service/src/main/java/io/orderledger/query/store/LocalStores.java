package io.orderledger.query.store;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The stores of the active tasks in this instance, by partition, as their processors opened them.
 *
 * <p>Kafka Streams' interactive-query wrapper re-resolves the store through the thread's tasks on every single call;
 * a page of 20 orders makes 20+ calls, and that lookup cost more than the reads. Each materializer task registers
 * its stores when it is initialised (after restoration) and removes them when it is closed, so an active read goes
 * straight to the store. RocksDB reads are safe beside the stream thread's writes (interactive queries rely on the
 * same); a store closed under a reader fails with InvalidStateStoreException, which the caller treats like any
 * partition on the move. Standby copies have no processor and are read through interactive queries.
 */
public final class LocalStores {

  /** One task's stores (names in {@link QueryStores}). */
  public record Partition(ReadOnlyKeyValueStore<Bytes, byte[]> orders, ReadOnlyKeyValueStore<Bytes, byte[]> index,
                          ReadOnlyKeyValueStore<String, byte[]> wallets, ReadOnlyKeyValueStore<Bytes, byte[]> versions,
                          ReadOnlyKeyValueStore<Bytes, byte[]> history, ReadOnlyKeyValueStore<Bytes, byte[]> sourceRecords,
                          ReadOnlyKeyValueStore<Bytes, byte[]> journal, ReadOnlyKeyValueStore<Bytes, byte[]> journalTime,
                          ReadOnlyKeyValueStore<String, byte[]> chains, ReadOnlyKeyValueStore<Bytes, byte[]> discrepancies) {
  }

  private final Map<Integer, Partition> active = new ConcurrentHashMap<>();

  void register(int partition, Partition stores) {
    active.put(partition, stores);
  }

  void deregister(int partition, KeyValueStore<Bytes, byte[]> orders) {
    active.computeIfPresent(partition, (p, registered) -> registered.orders() == orders ? null : registered);
  }

  /** The partition's stores if an active task of this instance holds it; null otherwise. */
  public Partition active(int partition) {
    return active.get(partition);
  }

  /** How many partitions this instance holds as active. */
  public int activeCount() {
    return active.size();
  }
}
