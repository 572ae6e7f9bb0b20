package io.orderledger.query.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The query stores as key ranges of one RocksDB store per task: each sees its own keys only, in their order. */
class KeyspaceTest {

  private final QueryDriver query = new QueryDriver();
  private final KeyValueStore<Bytes, byte[]> taskStore = query.taskStore();
  // Three neighbours: the prefixes 1, 2 and 3.
  private final Keyspace<Bytes> orders = Keyspace.bytes(QueryStore.ORDERS, taskStore);
  private final Keyspace<Bytes> index = Keyspace.bytes(QueryStore.ORDER_INDEX, taskStore);
  private final Keyspace<String> wallets = Keyspace.text(QueryStore.WALLETS, taskStore);

  @AfterEach
  void close() {
    query.close();
  }

  @Test
  void givenNeighbouringStoresExpectEachScanToSeeOnlyItsOwnKeysInOrder() {
    // Keys at the edges of a range: the smallest and largest bytes, and a key that is another store's prefix byte.
    for (Keyspace<Bytes> store : List.of(orders, index)) {
      store.put(key(0x00), value("low"));
      store.put(key(0x02), value("prefix-like"));
      store.put(key(0xFF, 0xFF), value("high"));
    }
    wallets.put("partner-a", value("wallet"));

    assertThat(keys(index.all())).containsExactly(key(0x00), key(0x02), key(0xFF, 0xFF));
    assertThat(keys(index.reverseAll())).containsExactly(key(0xFF, 0xFF), key(0x02), key(0x00));
    assertThat(keys(orders.range(null, key(0x02)))).containsExactly(key(0x00), key(0x02));
    assertThat(keys(orders.reverseRange(key(0x01), null))).containsExactly(key(0xFF, 0xFF), key(0x02));
    assertThat(new String(index.get(key(0x02)), StandardCharsets.UTF_8)).isEqualTo("prefix-like");
    assertThat(wallets.get("partner-a")).asString().isEqualTo("wallet");
    try (KeyValueIterator<String, byte[]> all = wallets.all()) {
      assertThat(all.peekNextKey()).isEqualTo("partner-a");
      assertThat(all.next().key).isEqualTo("partner-a");
      assertThat(all.hasNext()).isFalse();
    }

    assertThat(orders.delete(key(0x02))).asString().isEqualTo("prefix-like");
    assertThat(orders.get(key(0x02))).isNull();
    assertThat(index.get(key(0x02))).as("the neighbour's key stays").isNotNull();
  }

  @Test
  void givenAnEmptyKeyExpectARefusal() {
    // The bare next prefix bounds a scan of the whole range: no stored key may equal it.
    assertThatThrownBy(() -> orders.put(Bytes.wrap(new byte[0]), value("x"))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> wallets.get("")).isInstanceOf(IllegalArgumentException.class);
  }

  private static Bytes key(int... bytes) {
    byte[] key = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      key[i] = (byte) bytes[i];
    }
    return Bytes.wrap(key);
  }

  private static byte[] value(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static <K> List<K> keys(KeyValueIterator<K, byte[]> range) {
    List<K> keys = new ArrayList<>();
    try (range) {
      range.forEachRemaining(kv -> keys.add(kv.key));
    }
    return keys;
  }
}
