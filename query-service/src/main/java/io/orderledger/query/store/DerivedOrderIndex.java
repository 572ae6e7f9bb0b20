package io.orderledger.query.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.utils.Bytes;

/**
 * The order index ({@link QueryStore#ORDER_INDEX}) as the task store derives it from the orders store
 * ({@link QueryStore#ORDERS}): an order's four index keys follow its stored type, state and creation time, in the same
 * write as the order. The index was a third of the query service's changelog records (3.3 of its 8.9 per upstream
 * change, BENCHMARKS.md 2026-12-06, night): each a record to send, to keep and, after a crash, to restore.
 */
public final class DerivedOrderIndex implements DerivedWrites {

  private static final byte[] PRESENT = new byte[0];

  @Override
  public boolean derivesFrom(byte[] taskKey) {
    return taskKey.length > 0 && taskKey[0] == QueryStore.ORDERS.prefix();
  }

  @Override
  public boolean isDerived(byte[] taskKey) {
    return taskKey.length > 0 && taskKey[0] == QueryStore.ORDER_INDEX.prefix();
  }

  @Override
  public void derive(byte[] taskKey, byte[] before, byte[] after, Sink into) throws Exception {
    Bytes[] was = indexKeys(taskKey, before);
    Bytes[] now = indexKeys(taskKey, after);
    for (Bytes gone : was) {
      if (!contains(now, gone)) {
        into.write(gone.get(), null);
      }
    }
    for (Bytes added : now) {
      if (!contains(was, added)) {
        into.write(added.get(), PRESENT);
      }
    }
  }

  /** The index's task keys of the order stored under {@code orderTaskKey} ({@code prefix partner 00 orderId}). */
  private static Bytes[] indexKeys(byte[] orderTaskKey, byte[] stored) {
    if (stored == null) {
      return new Bytes[0];
    }
    int separator = 1;
    while (orderTaskKey[separator] != 0) {
      separator++;
    }
    String partnerId = new String(orderTaskKey, 1, separator - 1, StandardCharsets.US_ASCII);
    String orderId = new String(orderTaskKey, separator + 1, orderTaskKey.length - separator - 1, StandardCharsets.UTF_8);
    StoredOrder.Header header = StoredOrder.Header.of(stored);
    Bytes[] keys = StoreKeys.indexKeysOf(partnerId, header.type(), header.state(), header.createdAt(), orderId);
    for (int i = 0; i < keys.length; i++) {
      byte[] key = keys[i].get();
      byte[] taskKey = new byte[key.length + 1];
      taskKey[0] = QueryStore.ORDER_INDEX.prefix();
      System.arraycopy(key, 0, taskKey, 1, key.length);
      keys[i] = Bytes.wrap(taskKey);
    }
    return keys;
  }

  private static boolean contains(Bytes[] keys, Bytes key) {
    return Arrays.asList(keys).contains(key);
  }
}
