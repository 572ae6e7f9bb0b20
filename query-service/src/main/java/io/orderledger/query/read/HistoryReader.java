package io.orderledger.query.read;

import io.orderledger.query.store.StoreKeys;
import io.orderledger.query.store.StoredDecision;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads an order's history: every decision the ledger made on it, oldest first, each with the source's record of the
 * change it decided on. One range scan of the order's own keys, whatever the partner's size.
 */
public final class HistoryReader {

  private static final byte[] SOURCE_RECORD = ",\"sourceRecord\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

  private final ReadOnlyKeyValueStore<Bytes, byte[]> history;
  private final ReadOnlyKeyValueStore<Bytes, byte[]> sourceRecords;
  private final PagedRange paging;

  public HistoryReader(ReadOnlyKeyValueStore<Bytes, byte[]> history, ReadOnlyKeyValueStore<Bytes, byte[]> sourceRecords, PagedRange paging) {
    this.history = history;
    this.sourceRecords = sourceRecords;
    this.paging = paging;
  }

  /** What a history cursor is bound to: this endpoint and this order. */
  static String signature(String orderId) {
    return "history;" + orderId;
  }

  /**
   * @param cursor the client's continue cursor, or null for the first page
   * @throws InvalidCursor when the cursor is not one issued for this partner's history of this order
   */
  public PagedRange.Page<JsonSlice> history(String partnerId, String orderId, String cursor, int limit) {
    PagedRange.Resume resume = paging.resume(partnerId, signature(orderId), cursor, 0);
    return paging.page(history, List.of(PagedRange.Range.under(StoreKeys.orderPrefix(partnerId, orderId))), partnerId, signature(orderId),
        resume, limit, (key, value, prefixLength) -> withSourceRecord(partnerId, orderId, value));
  }

  /** The decision's JSON with {@code "sourceRecord": <the source's record, or null>} as its last member. */
  private JsonSlice withSourceRecord(String partnerId, String orderId, byte[] stored) {
    byte[] record = sourceRecords.get(StoreKeys.sourceRecord(partnerId, orderId, StoredDecision.eventIdOf(stored)));
    int offset = StoredDecision.jsonOffset(stored);
    ByteArrayOutputStream out = new ByteArrayOutputStream(stored.length + SOURCE_RECORD.length + (record == null ? 4 : record.length));
    out.write(stored, offset, stored.length - offset - 1);
    out.writeBytes(SOURCE_RECORD);
    out.writeBytes(record == null ? NULL : record);
    out.write('}');
    return JsonSlice.of(out.toByteArray());
  }
}
