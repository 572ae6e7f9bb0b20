package io.orderledger.query.read;

import io.orderledger.events.OrderType;
import io.orderledger.query.store.StoreKeys;
import io.orderledger.query.store.StoredOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads one partner's orders from the stores of the partition that holds the partner. A filter picks the index
 * that matches it exactly (StoreKeys), so a filter that matches 1% of a partner's orders reads 1% of its index; the
 * default scope (two order types) merges two index scans. Pages are newest first.
 */
public final class OrderReader {

  /**
   * One page: the orders as stored (their API JSON starts at {@link StoredOrder#jsonOffset()}), whether the walk is
   * over, and the position of the last order on the page.
   */
  public record Page(List<byte[]> orders, boolean done, byte[] lastPosition) {
  }

  private final ReadOnlyKeyValueStore<Bytes, byte[]> orders;
  private final ReadOnlyKeyValueStore<Bytes, byte[]> index;

  public OrderReader(ReadOnlyKeyValueStore<Bytes, byte[]> orders, ReadOnlyKeyValueStore<Bytes, byte[]> index) {
    this.orders = orders;
    this.index = index;
  }

  /** The order's API JSON; empty when it does not exist for this partner (another partner's id included). */
  public Optional<byte[]> json(String partnerId, String orderId) {
    byte[] stored = orders.get(StoreKeys.order(partnerId, orderId));
    return stored == null ? Optional.empty() : Optional.of(StoredOrder.decode(stored).json());
  }

  public Page list(ListQuery query) {
    List<Scan> scans = new ArrayList<>();
    try {
      for (byte[] prefix : prefixes(query)) {
        scans.add(new Scan(prefix, index.range(Bytes.wrap(from(prefix, query.after())), Bytes.wrap(to(prefix)))));
      }
      PriorityQueue<Scan> merge = new PriorityQueue<>((a, b) -> Arrays.compareUnsigned(a.position(), b.position()));
      for (Scan scan : scans) {
        if (scan.advance()) {
          merge.add(scan);
        }
      }
      List<byte[]> page = new ArrayList<>(query.limit());
      byte[] last = query.after();
      boolean more = false;
      while (!merge.isEmpty()) {
        Scan scan = merge.poll();
        byte[] position = scan.position();
        byte[] order = qualifying(query, StoreKeys.orderIdOf(scan.key(), scan.prefix.length));
        if (scan.advance()) {
          merge.add(scan);
        }
        if (order == null) {
          continue;
        }
        if (page.size() == query.limit()) {
          more = true;
          break;
        }
        page.add(order);
        last = position;
      }
      return new Page(page, !more, last);
    } finally {
      scans.forEach(Scan::close);
    }
  }

  /** The stored order if it belongs in this walk: it still matches (indexes are read without a lock) and it existed when the walk began. */
  private byte[] qualifying(ListQuery query, String orderId) {
    byte[] stored = orders.get(StoreKeys.order(query.partnerId(), orderId));
    if (stored == null) {
      return null;
    }
    StoredOrder.Header header = StoredOrder.Header.of(stored);
    if (header.materializedAt() > query.walkStartedAt() || !query.matches(header.type(), header.state())) {
      return null;
    }
    return stored;
  }

  private static List<byte[]> prefixes(ListQuery query) {
    List<byte[]> prefixes = new ArrayList<>();
    if (query.types().isEmpty()) {
      prefixes.add(StoreKeys.indexPrefix(query.partnerId(), null, query.state()));
    } else {
      for (OrderType type : query.types()) {
        prefixes.add(StoreKeys.indexPrefix(query.partnerId(), type, query.state()));
      }
    }
    return prefixes;
  }

  private static byte[] from(byte[] prefix, byte[] after) {
    if (after == null) {
      return prefix;
    }
    // The smallest key after prefix+after: append a zero byte.
    byte[] from = Arrays.copyOf(prefix, prefix.length + after.length + 1);
    System.arraycopy(after, 0, from, prefix.length, after.length);
    return from;
  }

  /** Above every key under the prefix: positions start with a positive long (first byte below 0x80). */
  private static byte[] to(byte[] prefix) {
    byte[] to = Arrays.copyOf(prefix, prefix.length + 1);
    to[prefix.length] = (byte) 0xFF;
    return to;
  }

  /** One index range, positioned on its current key. */
  private static final class Scan implements AutoCloseable {
    private final byte[] prefix;
    private final KeyValueIterator<Bytes, byte[]> iterator;
    private byte[] key;
    private byte[] position;

    Scan(byte[] prefix, KeyValueIterator<Bytes, byte[]> iterator) {
      this.prefix = prefix;
      this.iterator = iterator;
    }

    boolean advance() {
      if (!iterator.hasNext()) {
        key = null;
        return false;
      }
      KeyValue<Bytes, byte[]> next = iterator.next();
      key = next.key.get();
      position = Arrays.copyOfRange(key, prefix.length, key.length);
      return true;
    }

    byte[] key() {
      return key;
    }

    byte[] position() {
      return position;
    }

    @Override
    public void close() {
      iterator.close();
    }
  }
}
