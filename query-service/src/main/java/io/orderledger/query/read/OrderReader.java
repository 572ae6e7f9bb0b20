package io.orderledger.query.read;

import io.orderledger.events.OrderType;
import io.orderledger.query.store.StoreKeys;
import io.orderledger.query.store.StoredOrder;
import io.orderledger.query.store.StoredVersion;
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
 * Reads one partner's orders from the stores of the partition that holds the partner. A filter picks the index that
 * matches it exactly ({@link StoreKeys}), and a creation window is a range of that index, so a filter or a window that
 * matches 1% of a partner's orders reads 1% of its index; the default scope (two order types) merges two index scans.
 * Pages are newest first; each ends with the cursor that continues it.
 */
public final class OrderReader {

  /** One page: the orders' API JSON, whether the walk is over, and the cursor that continues it. */
  public record Page(List<JsonSlice> orders, boolean done, String continueCursor) {
  }

  private final ReadOnlyKeyValueStore<Bytes, byte[]> orders;
  private final ReadOnlyKeyValueStore<Bytes, byte[]> index;
  private final ReadOnlyKeyValueStore<Bytes, byte[]> versions;

  public OrderReader(ReadOnlyKeyValueStore<Bytes, byte[]> orders, ReadOnlyKeyValueStore<Bytes, byte[]> index,
                     ReadOnlyKeyValueStore<Bytes, byte[]> versions) {
    this.orders = orders;
    this.index = index;
    this.versions = versions;
  }

  /** The order's API JSON; empty when it does not exist for this partner (another partner's id included). */
  public Optional<JsonSlice> json(String partnerId, String orderId) {
    byte[] stored = orders.get(StoreKeys.order(partnerId, orderId));
    return stored == null ? Optional.empty() : Optional.of(JsonSlice.from(stored, StoredOrder.jsonOffset()));
  }

  /** Whether the partner has this order: what every per-order answer first asks. */
  public boolean exists(String partnerId, String orderId) {
    return orders.get(StoreKeys.order(partnerId, orderId)) != null;
  }

  /**
   * An order as of a time: its version then, or why there is none.
   *
   * @param recordedLater the partner's order exists, but the ledger recorded it after the time asked
   */
  public record AsOf(Optional<JsonSlice> version, boolean recordedLater) {
  }

  /**
   * The order as the ledger had booked it at {@code asOf}: the last version whose booking time is at or before then.
   * Booking times come from the partner's one clock, the same the wallet's entries carry, so this order and the
   * partner's wallet as of the same time always agree.
   */
  public AsOf asOf(String partnerId, String orderId, long asOf) {
    byte[] prefix = StoreKeys.orderPrefix(partnerId, orderId);
    byte[] found = null;
    boolean any = false;
    try (KeyValueIterator<Bytes, byte[]> all = versions.range(Bytes.wrap(prefix), StoreKeys.end(prefix))) {
      while (all.hasNext()) {
        byte[] version = all.next().value;
        any = true;
        if (StoredVersion.bookedAtOf(version) > asOf) {
          break; // versions are in order, and so are the times the ledger applied them
        }
        found = version;
      }
    }
    return new AsOf(found == null ? Optional.empty() : Optional.of(JsonSlice.of(StoredVersion.jsonOf(found))), found == null && any);
  }

  public Page list(ListQuery query, CursorCodec cursors) {
    List<Scan> scans = new ArrayList<>();
    try {
      for (byte[] prefix : prefixes(query)) {
        scans.add(new Scan(prefix, index.range(Bytes.wrap(from(prefix, query)), Bytes.wrap(to(prefix, query)))));
      }
      PriorityQueue<Scan> merge = new PriorityQueue<>((a, b) -> Arrays.compareUnsigned(a.position(), b.position()));
      for (Scan scan : scans) {
        if (scan.advance()) {
          merge.add(scan);
        }
      }
      byte[] partnerKeyPrefix = StoreKeys.partnerPrefix(query.partnerId());
      List<JsonSlice> page = new ArrayList<>(query.limit());
      byte[] last = query.after();
      boolean more = false;
      while (!merge.isEmpty()) {
        Scan scan = merge.poll();
        byte[] position = scan.position();
        byte[] order = qualifying(query, partnerKeyPrefix, scan);
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
        page.add(JsonSlice.from(order, StoredOrder.jsonOffset()));
        last = position;
      }
      String next = cursors.encode(new Cursor(query.partnerId(), query.filterSignature(), query.walkStartedAt(), last));
      return new Page(page, !more, next);
    } finally {
      scans.forEach(Scan::close);
    }
  }

  /** The stored order if it belongs in this walk: it still matches (indexes are read without a lock) and it existed when the walk began. */
  private byte[] qualifying(ListQuery query, byte[] partnerKeyPrefix, Scan scan) {
    byte[] stored = orders.get(StoreKeys.orderOfIndexKey(partnerKeyPrefix, scan.key(), scan.prefix.length));
    if (stored == null) {
      return null;
    }
    StoredOrder.Header header = StoredOrder.Header.of(stored);
    if (header.materializedAt() > query.walkStartedAt() || !query.matches(header.type(), header.state(), header.createdAt())) {
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

  /** Where a scan starts: after the cursor's position, and not before the window's newest creation time. */
  private static byte[] from(byte[] prefix, ListQuery query) {
    byte[] start = prefix;
    if (query.createdTo() != null) {
      start = concat(prefix, StoreKeys.positionFrom(query.createdTo()));
    }
    if (query.after() != null) {
      // The smallest key after prefix+after: append a zero byte.
      byte[] afterCursor = Arrays.copyOf(concat(prefix, query.after()), prefix.length + query.after().length + 1);
      if (Arrays.compareUnsigned(afterCursor, start) > 0) {
        start = afterCursor;
      }
    }
    return start;
  }

  /** Where a scan ends (exclusive): past the window's oldest creation time, or past every key of the prefix. */
  private static byte[] to(byte[] prefix, ListQuery query) {
    if (query.createdFrom() != null) {
      return concat(prefix, StoreKeys.positionTo(query.createdFrom()));
    }
    // Above every key under the prefix: positions start with a positive long (first byte below 0x80).
    byte[] to = Arrays.copyOf(prefix, prefix.length + 1);
    to[prefix.length] = (byte) 0xFF;
    return to;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] joined = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, joined, a.length, b.length);
    return joined;
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
