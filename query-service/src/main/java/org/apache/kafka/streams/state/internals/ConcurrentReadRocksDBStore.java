package org.apache.kafka.streams.state.internals;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.rocksdb.RocksDBException;

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
 * <p>Writes, restoration, flushes, the on-disk format and the metrics are the parent's, unchanged. The class sits in
 * Kafka Streams' package to reach the parent's accessors without reflection: a Kafka Streams upgrade that changes them
 * fails this module's build, not a running service ({@code ConcurrentReadRocksDBStoreTest}).
 */
public final class ConcurrentReadRocksDBStore extends RocksDBStore {

  /** What {@code Stores.persistentKeyValueStore} names its metrics' scope. */
  public static final String METRICS_SCOPE = "rocksdb";

  private final ReentrantReadWriteLock closing = new ReentrantReadWriteLock();
  /** The readers' open iterators, closed before the store is (the parent's registry is a synchronised set: one more monitor). */
  private final Set<ManagedKeyValueIterator<Bytes, byte[]>> readerIterators = ConcurrentHashMap.newKeySet();

  public ConcurrentReadRocksDBStore(String name) {
    super(name, METRICS_SCOPE);
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
