package io.orderledger.query.store;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.NoSuchElementException;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.internals.RocksDBStore;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Point reads straight from a store's RocksDB instance, beside Kafka Streams' own {@code RocksDBStore}.
 *
 * <p>Why: {@code RocksDBStore.get} is {@code synchronized}, so every API thread reading one partition queues on one
 * monitor; a page of 20 orders takes it 20 times, and on two cores a holder that is descheduled keeps the others
 * waiting for a whole time slice (the JFR of the query benchmark showed thousands of waits over 10 ms, all there).
 * RocksDB's own {@code get} is thread-safe. What the monitor also did, keep a read away from a closing store, is done
 * here by the partition's {@link ReadGuard}: the task's processor closes the guard (waiting for reads in flight)
 * before Kafka Streams closes the store, and a read after that fails like a read of a closed store does.
 *
 * <p>The handle is taken from {@code RocksDBStore}'s fields, which are not public API: when a Kafka Streams version
 * names them differently, {@link #over} returns the store itself (the synchronized path) and says so once in the log.
 * {@code QueryTopologyTest} checks that the direct path is the one in use with the Kafka Streams the build ships.
 * Forward scans have their own RocksDB iterators too (the store's {@code range} is synchronized as well); reverse and
 * whole-store scans, which the API makes rarely, stay with the store.
 */
final class DirectRocksReads implements ReadOnlyKeyValueStore<Bytes, byte[]> {

  private static final Logger log = LoggerFactory.getLogger(DirectRocksReads.class);
  private static volatile boolean warned;
  /**
   * Off unless {@code QUERY_DIRECT_READS=true} (or {@code -Dquery.direct-reads=true}). The read-only benchmark gains
   * (list 0.51 → 0.57 of its baseline, p99 within 2×), but in the freshness benchmark, with the materialiser writing
   * while the API reads, the query stage fell seconds behind (p90 12.5 s against 270 ms through the store); until that
   * is understood, the store's own synchronized path is the default. See BENCHMARKS.md.
   */
  static boolean enabled() {
    return "true".equalsIgnoreCase(System.getProperty("query.direct-reads", System.getenv("QUERY_DIRECT_READS")));
  }

  private final ReadOnlyKeyValueStore<Bytes, byte[]> store;
  private final RocksDB db;
  private final ColumnFamilyHandle columnFamily;
  private final ReadGuard guard;

  private DirectRocksReads(ReadOnlyKeyValueStore<Bytes, byte[]> store, RocksDB db, ColumnFamilyHandle columnFamily, ReadGuard guard) {
    this.store = store;
    this.db = db;
    this.columnFamily = columnFamily;
    this.guard = guard;
  }

  /** Direct point reads over {@code store} when it is an open {@code RocksDBStore}; otherwise the store itself. */
  static ReadOnlyKeyValueStore<Bytes, byte[]> over(ReadOnlyKeyValueStore<Bytes, byte[]> store, ReadGuard guard) {
    if (!(store instanceof RocksDBStore rocks) || !enabled()) {
      return store;
    }
    try {
      RocksDB db = (RocksDB) field(RocksDBStore.class, "db").get(rocks);
      Object accessor = field(RocksDBStore.class, "cfAccessor").get(rocks);
      ColumnFamilyHandle columnFamily = (ColumnFamilyHandle) field(accessor.getClass(), "columnFamily").get(accessor);
      if (db == null || columnFamily == null) {
        return store;
      }
      return new DirectRocksReads(store, db, columnFamily, guard);
    } catch (ReflectiveOperationException | RuntimeException e) {
      if (!warned) {
        warned = true;
        log.warn("reading the query stores through Kafka Streams' synchronized get: this Kafka Streams version's RocksDBStore has no {}",
            e.toString());
      }
      return store;
    }
  }

  private static Field field(Class<?> type, String name) throws NoSuchFieldException {
    Field field = type.getDeclaredField(name);
    field.setAccessible(true);
    return field;
  }

  @Override
  public byte[] get(Bytes key) {
    if (!guard.enter()) {
      throw new InvalidStateStoreException("the store " + store.getClass().getSimpleName() + " of this partition is closing");
    }
    try {
      return db.get(columnFamily, key.get());
    } catch (RocksDBException e) {
      throw new InvalidStateStoreException("RocksDB failed a read: " + e.getMessage(), e);
    } finally {
      guard.exit();
    }
  }

  /**
   * A forward scan from {@code from} to {@code to} (both inclusive, as the store's), on a RocksDB iterator of its own.
   * The partition's guard is held until the scan is closed, so a task closes only after its scans do: every reader
   * closes its scans in a {@code finally} or a try-with-resources, on the thread that opened them.
   */
  @Override
  public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
    if (!guard.enter()) {
      throw new InvalidStateStoreException("the store " + store.getClass().getSimpleName() + " of this partition is closing");
    }
    try {
      return new Scan(db.newIterator(columnFamily), from.get(), to.get(), guard);
    } catch (RuntimeException e) {
      guard.exit();
      throw e;
    }
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
    return store.reverseRange(from, to);
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> all() {
    return store.all();
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> reverseAll() {
    return store.reverseAll();
  }

  @Override
  public long approximateNumEntries() {
    return store.approximateNumEntries();
  }

  /** One RocksDB iterator between two keys; releases the guard when closed. */
  private static final class Scan implements KeyValueIterator<Bytes, byte[]> {
    private final RocksIterator iterator;
    private final byte[] to;
    private final ReadGuard guard;
    private boolean closed;

    Scan(RocksIterator iterator, byte[] from, byte[] to, ReadGuard guard) {
      this.iterator = iterator;
      this.to = to;
      this.guard = guard;
      iterator.seek(from);
    }

    @Override
    public boolean hasNext() {
      if (closed) {
        throw new InvalidStateStoreException("the scan was closed");
      }
      if (!iterator.isValid()) {
        try {
          iterator.status();
        } catch (RocksDBException e) {
          throw new InvalidStateStoreException("RocksDB failed a scan: " + e.getMessage(), e);
        }
        return false;
      }
      return Arrays.compareUnsigned(iterator.key(), to) <= 0;
    }

    @Override
    public KeyValue<Bytes, byte[]> next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      KeyValue<Bytes, byte[]> next = KeyValue.pair(Bytes.wrap(iterator.key()), iterator.value());
      iterator.next();
      return next;
    }

    @Override
    public Bytes peekNextKey() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return Bytes.wrap(iterator.key());
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        try {
          iterator.close();
        } finally {
          guard.exit();
        }
      }
    }
  }
}
