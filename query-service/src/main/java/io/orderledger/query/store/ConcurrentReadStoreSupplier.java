package io.orderledger.query.store;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.ConcurrentReadRocksDBStore;

/**
 * What {@code Stores.persistentKeyValueStore(name)} supplies (the same RocksDB store, files, changelog and metrics),
 * except that the API's reads of a partition do not queue on one monitor with each other and with the stream thread's
 * writes ({@link ConcurrentReadRocksDBStore}).
 */
public record ConcurrentReadStoreSupplier(String name) implements KeyValueBytesStoreSupplier {

  @Override
  public KeyValueStore<Bytes, byte[]> get() {
    return new ConcurrentReadRocksDBStore(name);
  }

  @Override
  public String metricsScope() {
    return ConcurrentReadRocksDBStore.METRICS_SCOPE;
  }
}
