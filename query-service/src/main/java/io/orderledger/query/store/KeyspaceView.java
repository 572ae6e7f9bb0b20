package io.orderledger.query.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * One {@link QueryStore}, read from its task's single store ({@link QueryStore#TASK_STORE}): the keys that start with
 * the store's prefix byte, without it. Scans stay inside the range, in the same order as the store's own keys (the
 * prefix is one byte, so bytewise order within it is the keys' order). {@link Keyspace} writes one.
 *
 * @param <K> the store's keys as its users write them: {@link StoreKeys}' bytes, or text (UTF-8, as Kafka's string
 *     serde wrote the text-keyed stores when each store was its own)
 */
public class KeyspaceView<K> implements ReadOnlyKeyValueStore<K, byte[]> {

  private final QueryStore store;
  private final ReadOnlyKeyValueStore<Bytes, byte[]> taskStore;
  private final KeyCodec<K> keys;

  KeyspaceView(QueryStore store, ReadOnlyKeyValueStore<Bytes, byte[]> taskStore, KeyCodec<K> keys) {
    this.store = Objects.requireNonNull(store);
    this.taskStore = Objects.requireNonNull(taskStore);
    this.keys = keys;
  }

  /** A byte-keyed store read from its task's store. */
  public static KeyspaceView<Bytes> bytes(QueryStore store, ReadOnlyKeyValueStore<Bytes, byte[]> taskStore) {
    return new KeyspaceView<>(store, taskStore, KeyCodec.bytesOf(store));
  }

  /** A text-keyed store read from its task's store. */
  public static KeyspaceView<String> text(QueryStore store, ReadOnlyKeyValueStore<Bytes, byte[]> taskStore) {
    return new KeyspaceView<>(store, taskStore, KeyCodec.textOf(store));
  }

  /** The task store this reads. */
  ReadOnlyKeyValueStore<Bytes, byte[]> taskStore() {
    return taskStore;
  }

  /** The store this is a range of. */
  public QueryStore store() {
    return store;
  }

  @Override
  public byte[] get(K key) {
    return taskStore.get(taskKey(key));
  }

  @Override
  public KeyValueIterator<K, byte[]> range(K from, K to) {
    return new WithoutPrefix<>(taskStore.range(lower(from), upper(to)), keys);
  }

  @Override
  public KeyValueIterator<K, byte[]> reverseRange(K from, K to) {
    return new WithoutPrefix<>(taskStore.reverseRange(lower(from), upper(to)), keys);
  }

  @Override
  public KeyValueIterator<K, byte[]> all() {
    return range(null, null);
  }

  @Override
  public KeyValueIterator<K, byte[]> reverseAll() {
    return reverseRange(null, null);
  }

  /** The whole task store's estimate: RocksDB keeps no count per key range. */
  @Override
  public long approximateNumEntries() {
    return taskStore.approximateNumEntries();
  }

  final Bytes taskKey(K key) {
    return keys.taskKey(Objects.requireNonNull(key, "key"));
  }

  /** From the first key of the range when {@code from} is null: the bare prefix, which no stored key equals. */
  private Bytes lower(K from) {
    return from == null ? Bytes.wrap(new byte[] {store.prefix()}) : taskKey(from);
  }

  /**
   * To the last key of the range when {@code to} is null: the next prefix alone, which no stored key equals either (a
   * key is never empty, {@link KeyCodec#taskKey}), so the inclusive bound ends exactly at this range.
   */
  private Bytes upper(K to) {
    return to == null ? Bytes.wrap(new byte[] {(byte) (store.prefix() + 1)}) : taskKey(to);
  }

  /** How a store's keys become task-store keys (its prefix byte first) and back. */
  abstract static class KeyCodec<K> {

    private final byte prefix;

    KeyCodec(QueryStore store) {
      this.prefix = store.prefix();
    }

    static KeyCodec<Bytes> bytesOf(QueryStore store) {
      return new KeyCodec<>(store) {
        @Override
        byte[] encode(Bytes key) {
          return key.get();
        }

        @Override
        Bytes decode(byte[] taskKey) {
          return Bytes.wrap(Arrays.copyOfRange(taskKey, 1, taskKey.length));
        }
      };
    }

    static KeyCodec<String> textOf(QueryStore store) {
      return new KeyCodec<>(store) {
        @Override
        byte[] encode(String key) {
          return key.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        String decode(byte[] taskKey) {
          return new String(taskKey, 1, taskKey.length - 1, StandardCharsets.UTF_8);
        }
      };
    }

    abstract byte[] encode(K key);

    /** The store's key of a task-store key of its range. */
    abstract K decode(byte[] taskKey);

    final Bytes taskKey(K key) {
      byte[] own = encode(key);
      if (own.length == 0) {
        throw new IllegalArgumentException("a store key is never empty");
      }
      byte[] taskKey = new byte[own.length + 1];
      taskKey[0] = prefix;
      System.arraycopy(own, 0, taskKey, 1, own.length);
      return Bytes.wrap(taskKey);
    }
  }

  /** The task store's iterator over one range, its keys without the prefix. */
  private static final class WithoutPrefix<K> implements KeyValueIterator<K, byte[]> {

    private final KeyValueIterator<Bytes, byte[]> taskIterator;
    private final KeyCodec<K> keys;

    WithoutPrefix(KeyValueIterator<Bytes, byte[]> taskIterator, KeyCodec<K> keys) {
      this.taskIterator = taskIterator;
      this.keys = keys;
    }

    @Override
    public boolean hasNext() {
      return taskIterator.hasNext();
    }

    @Override
    public KeyValue<K, byte[]> next() {
      KeyValue<Bytes, byte[]> next = taskIterator.next();
      return KeyValue.pair(keys.decode(next.key.get()), next.value);
    }

    @Override
    public K peekNextKey() {
      return keys.decode(taskIterator.peekNextKey().get());
    }

    @Override
    public void close() {
      taskIterator.close();
    }
  }
}
