package io.orderledger.query.store;

import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One {@link QueryStore} written through its task's single store ({@link QueryStore#TASK_STORE}), as the materialiser
 * sees it: every write goes through the task store's layers (its changelog among them) under the store's prefix.
 * Not a store of its own: Kafka Streams opens, flushes and closes the task store, never this.
 */
public final class Keyspace<K> extends KeyspaceView<K> implements KeyValueStore<K, byte[]> {

  private final KeyValueStore<Bytes, byte[]> taskStore;

  private Keyspace(QueryStore store, KeyValueStore<Bytes, byte[]> taskStore, KeyCodec<K> keys) {
    super(store, taskStore, keys);
    this.taskStore = taskStore;
  }

  /** A byte-keyed store written through its task's store. */
  public static Keyspace<Bytes> bytes(QueryStore store, KeyValueStore<Bytes, byte[]> taskStore) {
    return new Keyspace<>(store, taskStore, KeyCodec.bytesOf(store));
  }

  /** A text-keyed store written through its task's store. */
  public static Keyspace<String> text(QueryStore store, KeyValueStore<Bytes, byte[]> taskStore) {
    return new Keyspace<>(store, taskStore, KeyCodec.textOf(store));
  }

  @Override
  public void put(K key, byte[] value) {
    taskStore.put(taskKey(key), value);
  }

  @Override
  public byte[] putIfAbsent(K key, byte[] value) {
    return taskStore.putIfAbsent(taskKey(key), value);
  }

  @Override
  public void putAll(List<KeyValue<K, byte[]>> entries) {
    taskStore.putAll(entries.stream().map(entry -> KeyValue.pair(taskKey(entry.key), entry.value)).toList());
  }

  @Override
  public byte[] delete(K key) {
    return taskStore.delete(taskKey(key));
  }

  @Override
  public String name() {
    return taskStore.name() + "/" + store().label();
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    throw new UnsupportedOperationException(name() + " is a key range of its task's store, which Kafka Streams opens");
  }

  @Override
  public void close() {
    throw new UnsupportedOperationException(name() + " is a key range of its task's store, which Kafka Streams closes");
  }

  @Override
  public boolean persistent() {
    return taskStore.persistent();
  }

  @Override
  public boolean isOpen() {
    return taskStore.isOpen();
  }

  @Override
  public Position getPosition() {
    return taskStore.getPosition();
  }
}
