package io.orderledger.query.read;

import io.orderledger.events.OrderType;
import io.orderledger.query.store.StoreKeys;
import io.orderledger.query.store.StoredOrder;
import io.orderledger.query.store.StoredVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads one partner's orders from the stores of the partition that holds the partner. A filter picks the index that
 * matches it exactly ({@link StoreKeys}), and a creation window is a range of that index, so a filter or a window that
 * matches 1% of a partner's orders reads 1% of its index; the default scope (two order types) merges two index scans.
 * Pages are newest first; each ends with the cursor that continues it.
 */
public final class OrderReader {

  private final ReadOnlyKeyValueStore<Bytes, byte[]> orders;
  private final ReadOnlyKeyValueStore<Bytes, byte[]> index;
  private final ReadOnlyKeyValueStore<Bytes, byte[]> versions;
  private final PagedRange paging;

  public OrderReader(ReadOnlyKeyValueStore<Bytes, byte[]> orders, ReadOnlyKeyValueStore<Bytes, byte[]> index,
                     ReadOnlyKeyValueStore<Bytes, byte[]> versions, PagedRange paging) {
    this.orders = orders;
    this.index = index;
    this.versions = versions;
    this.paging = paging;
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

  /**
   * A page of the list, newest first.
   *
   * @throws InvalidCursor when the query's cursor is not one issued for this partner and these filters
   */
  public PagedRange.Page<JsonSlice> list(ListQuery query) {
    String signature = query.filterSignature();
    PagedRange.Resume resume = paging.resume(query.partnerId(), signature, query.cursor(), query.now());
    List<PagedRange.Range> ranges = new ArrayList<>();
    for (byte[] prefix : prefixes(query)) {
      ranges.add(new PagedRange.Range(prefix, query.createdTo() == null ? null : Bytes.wrap(StoreKeys.concat(prefix, StoreKeys.positionFrom(query.createdTo()))),
          query.createdFrom() == null ? null : Bytes.wrap(StoreKeys.concat(prefix, StoreKeys.positionTo(query.createdFrom())))));
    }
    byte[] partnerKeyPrefix = StoreKeys.partnerPrefix(query.partnerId());
    return paging.page(index, ranges, query.partnerId(), signature, resume, query.limit(),
        (key, value, prefixLength) -> qualifying(query, resume.walkStartedAt(), partnerKeyPrefix, key, prefixLength));
  }

  /**
   * The order's API JSON if it belongs in this walk: it still matches (indexes are read without a lock) and it existed
   * when the walk began; null otherwise.
   */
  private JsonSlice qualifying(ListQuery query, long walkStartedAt, byte[] partnerKeyPrefix, byte[] indexKey, int prefixLength) {
    byte[] stored = orders.get(StoreKeys.orderOfIndexKey(partnerKeyPrefix, indexKey, prefixLength));
    if (stored == null) {
      return null;
    }
    StoredOrder.Header header = StoredOrder.Header.of(stored);
    if (header.materializedAt() > walkStartedAt || !query.matches(header.type(), header.state(), header.createdAt())) {
      return null;
    }
    return JsonSlice.from(stored, StoredOrder.jsonOffset());
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
}
