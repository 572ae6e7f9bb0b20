package io.orderledger.query.store;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

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

  /** One partition's stores, every {@link QueryStore}, as key ranges of the partition's task store. */
  public static final class Partition {

    private final ReadOnlyKeyValueStore<Bytes, byte[]> taskStore;
    private final Map<QueryStore, KeyspaceView<?>> stores = new EnumMap<>(QueryStore.class);

    private Partition(ReadOnlyKeyValueStore<Bytes, byte[]> taskStore) {
      this.taskStore = taskStore;
      for (QueryStore store : QueryStore.values()) {
        stores.put(store, store.keys() == QueryStore.Keys.TEXT ? KeyspaceView.text(store, taskStore) : KeyspaceView.bytes(store, taskStore));
      }
    }

    /** Every store of the partition, read from its task store (a processor's own, or interactive queries'). */
    public static Partition over(ReadOnlyKeyValueStore<Bytes, byte[]> taskStore) {
      return new Partition(taskStore);
    }

    /** A store keyed by {@link StoreKeys}' byte keys. */
    @SuppressWarnings("unchecked")
    public ReadOnlyKeyValueStore<Bytes, byte[]> bytes(QueryStore store) {
      if (store.keys() != QueryStore.Keys.BYTES) {
        throw new IllegalArgumentException(store + " is keyed by text");
      }
      return (ReadOnlyKeyValueStore<Bytes, byte[]>) stores.get(store);
    }

    /** A store keyed by text. */
    @SuppressWarnings("unchecked")
    public ReadOnlyKeyValueStore<String, byte[]> text(QueryStore store) {
      if (store.keys() != QueryStore.Keys.TEXT) {
        throw new IllegalArgumentException(store + " is keyed by bytes");
      }
      return (ReadOnlyKeyValueStore<String, byte[]>) stores.get(store);
    }
  }

  private final Map<Integer, Partition> active = new ConcurrentHashMap<>();

  void register(int partition, Partition stores) {
    active.put(partition, stores);
  }

  /** Forgets the partition's stores if they are still the ones read from {@code taskStore} (a newer task's stay). */
  void deregister(int partition, ReadOnlyKeyValueStore<Bytes, byte[]> taskStore) {
    active.computeIfPresent(partition, (p, registered) -> registered.taskStore == taskStore ? null : registered);
  }

  /**
   * The RocksDB store under a task store's layers, for reads. The layers a processor sees (read-write guard,
   * metering, change logging) cost more than the read itself on a page of 20 orders (a latency sensor per get, an
   * open-iterator registry per scan) and add nothing to a read: the keys are already bytes, and a read logs nothing.
   * What a store's owner writes goes through the layers as before. The store below is a {@link
   * org.apache.kafka.streams.state.internals.ConcurrentReadRocksDBStore}: reads do not queue on its monitor, and a store
   * closed under a reader fails with InvalidStateStoreException.
   */
  @SuppressWarnings("unchecked")
  static ReadOnlyKeyValueStore<Bytes, byte[]> forReads(KeyValueStore<Bytes, byte[]> store) {
    StateStore inner = store;
    while (inner instanceof WrappedStateStore<?, ?, ?> wrapped) {
      inner = wrapped.wrapped();
    }
    return inner instanceof KeyValueStore<?, ?> bytes ? (ReadOnlyKeyValueStore<Bytes, byte[]>) bytes : store;
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
