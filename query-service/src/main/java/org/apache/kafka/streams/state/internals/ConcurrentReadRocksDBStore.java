package org.apache.kafka.streams.state.internals;

import io.orderledger.query.store.DerivedWrites;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.internals.ChangelogRecordDeserializationHelper;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * Kafka Streams' RocksDB key-value store, whose point reads and range scans do not take the store's monitor.
 *
 * <p>{@link RocksDBStore} declares {@code get}, {@code range}, {@code put} and {@code delete} {@code synchronized}: the
 * stream thread's writes and every reader of a partition queue on one lock, though RocksDB itself reads safely beside
 * writes. The monitor's other job is to keep a read from running into a closed database; here a read-write lock does
 * that instead: reads share it, and {@link #close()} takes it alone, so a read either finishes before the database
 * closes or finds the store closed ({@link InvalidStateStoreException}, as the monitor would). An iterator, once
 * made, is Kafka's own: each call is synchronised on the iterator, and closing the store closes it first.
 *
 * <p>It also writes the keys its {@link DerivedWrites} derive: in the same RocksDB write as their source key, whether the
 * source is written by the stream thread or restored from the changelog. A derived key never reaches the changelog
 * (the layers above see only the source's write), and a changelog record of one, written before it was derived, is
 * skipped when restored.
 *
 * <p>Other writes, flushes, the on-disk format and the metrics are the parent's, unchanged. The class sits in
 * Kafka Streams' package to reach the parent's accessors without reflection: a Kafka Streams upgrade that changes them
 * fails this module's build, not a running service ({@code ConcurrentReadRocksDBStoreTest}).
 */
public final class ConcurrentReadRocksDBStore extends RocksDBStore {

  /** What {@code Stores.persistentKeyValueStore} names its metrics' scope. */
  public static final String METRICS_SCOPE = "rocksdb";

  private final ReentrantReadWriteLock closing = new ReentrantReadWriteLock();
  /** The readers' open iterators, closed before the store is (the parent's registry is a synchronised set: one more monitor). */
  private final Set<ManagedKeyValueIterator<Bytes, byte[]>> readerIterators = ConcurrentHashMap.newKeySet();

  private final DerivedWrites derived;
  /** The parent's own flag, which it keeps private: whether restored records carry their position in their headers. */
  private boolean consistencyEnabled;

  public ConcurrentReadRocksDBStore(String name, DerivedWrites derived) {
    super(name, METRICS_SCOPE);
    this.derived = Objects.requireNonNull(derived, "derived");
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    super.init(context, root);
    consistencyEnabled = StreamsConfig.InternalConfig.getBoolean(context.appConfigs(),
        StreamsConfig.InternalConfig.IQ_CONSISTENCY_OFFSET_VECTOR_ENABLED, false);
  }

  /** {@code delete} and {@code putIfAbsent} come here too (the parent's call {@code put}). */
  @Override
  public synchronized void put(Bytes key, byte[] value) {
    Objects.requireNonNull(key, "key cannot be null");
    if (!derived.derivesFrom(key.get())) {
      super.put(key, value);
      return;
    }
    requireOpen();
    synchronized (position) {
      try (WriteBatch batch = new WriteBatch()) {
        byte[] before = cfAccessor.get(dbAccessor, key.get());
        derived.derive(key.get(), before, value, (derivedKey, derivedValue) -> cfAccessor.addToBatch(derivedKey, derivedValue, batch));
        cfAccessor.addToBatch(key.get(), value, batch);
        write(batch);
      } catch (Exception e) {
        throw new ProcessorStateException("Error while writing to store " + name() + " and what it derives", e);
      }
      StoreQueryUtils.updatePosition(position, context);
    }
  }

  @Override
  public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
    if (entries.stream().noneMatch(entry -> derived.derivesFrom(entry.key.get()))) {
      super.putAll(entries);
      return;
    }
    for (KeyValue<Bytes, byte[]> entry : entries) {
      put(entry.key, entry.value);
    }
  }

  /**
   * The parent's restore, with each restored source's derived keys in the same batch. A key restored twice in one
   * batch derives from its value earlier in the batch, not from the database's.
   */
  @Override
  void restoreBatch(Collection<ConsumerRecord<byte[], byte[]>> records) {
    synchronized (position) {
      try (WriteBatch batch = new WriteBatch()) {
        Map<Bytes, byte[]> inThisBatch = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
          ChangelogRecordDeserializationHelper.applyChecksAndUpdatePosition(record, consistencyEnabled, position);
          byte[] key = record.key();
          if (derived.isDerived(key)) {
            continue;
          }
          if (derived.derivesFrom(key)) {
            Bytes source = Bytes.wrap(key);
            byte[] before = inThisBatch.containsKey(source) ? inThisBatch.get(source) : cfAccessor.get(dbAccessor, key);
            derived.derive(key, before, record.value(), (derivedKey, derivedValue) -> cfAccessor.addToBatch(derivedKey, derivedValue, batch));
            inThisBatch.put(source, record.value());
          }
          cfAccessor.addToBatch(key, record.value(), batch);
        }
        write(batch);
      } catch (Exception e) {
        throw new ProcessorStateException("Error restoring batch to store " + name(), e);
      }
    }
  }

  @Override
  public byte[] get(Bytes key) {
    Lock read = closing.readLock();
    read.lock();
    try {
      requireOpen();
      return cfAccessor.get(dbAccessor, key.get());
    } catch (RocksDBException e) {
      throw new ProcessorStateException("Error while reading from store " + name(), e);
    } finally {
      read.unlock();
    }
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
    return scan(from, to, true);
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
    return scan(from, to, false);
  }

  private KeyValueIterator<Bytes, byte[]> scan(Bytes from, Bytes to, boolean forward) {
    if (from != null && to != null && from.compareTo(to) > 0) {
      return KeyValueIterators.emptyIterator();
    }
    Lock read = closing.readLock();
    read.lock();
    try {
      requireOpen();
      ManagedKeyValueIterator<Bytes, byte[]> scan = cfAccessor.range(dbAccessor, from, to, forward);
      // Registered, so that closing the store closes an iterator a reader still holds (each of its calls is
      // synchronised on the iterator: a close waits for a call in flight, and a call after it fails).
      readerIterators.add(scan);
      scan.onClose(() -> readerIterators.remove(scan));
      return scan;
    } finally {
      read.unlock();
    }
  }

  @Override
  public void close() {
    Lock alone = closing.writeLock();
    alone.lock();
    try {
      for (ManagedKeyValueIterator<Bytes, byte[]> held : readerIterators) {
        held.close();
      }
      super.close();
    } finally {
      alone.unlock();
    }
  }

  private void requireOpen() {
    if (!isOpen()) {
      throw new InvalidStateStoreException("Store " + name() + " is currently closed.");
    }
  }
}
