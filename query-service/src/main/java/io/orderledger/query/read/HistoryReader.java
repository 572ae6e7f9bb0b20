package io.orderledger.query.read;

import io.orderledger.query.store.StoreKeys;
import io.orderledger.query.store.StoredDecision;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads an order's history: every decision the ledger made on it, oldest first, each with the source's record of the
 * change it decided on. One range scan of the order's own keys, whatever the partner's size.
 */
public final class HistoryReader {

  /** One page of history entries, whether it is the last, and the cursor that continues it. */
  public record Page(List<JsonSlice> entries, boolean done, String continueCursor) {
  }

  private static final byte[] SOURCE_RECORD = ",\"sourceRecord\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

  private final ReadOnlyKeyValueStore<Bytes, byte[]> history;
  private final ReadOnlyKeyValueStore<Bytes, byte[]> sourceRecords;

  public HistoryReader(ReadOnlyKeyValueStore<Bytes, byte[]> history, ReadOnlyKeyValueStore<Bytes, byte[]> sourceRecords) {
    this.history = history;
    this.sourceRecords = sourceRecords;
  }

  /** What a history cursor is bound to: this endpoint and this order. */
  public static String signature(String orderId) {
    return "history;" + orderId;
  }

  /** @param after the position of the last entry already read (from a cursor), or null for the first page */
  public Page history(String partnerId, String orderId, byte[] after, int limit, CursorCodec cursors) {
    byte[] prefix = StoreKeys.orderPrefix(partnerId, orderId);
    byte[] from = after == null ? prefix : Arrays.copyOf(concat(prefix, after), prefix.length + after.length + 1);
    List<JsonSlice> entries = new ArrayList<>(limit);
    byte[] last = after;
    boolean more = false;
    try (KeyValueIterator<Bytes, byte[]> range = history.range(Bytes.wrap(from), StoreKeys.end(prefix))) {
      while (range.hasNext()) {
        KeyValue<Bytes, byte[]> next = range.next();
        if (entries.size() == limit) {
          more = true;
          break;
        }
        entries.add(withSourceRecord(partnerId, orderId, next.value));
        byte[] key = next.key.get();
        last = Arrays.copyOfRange(key, prefix.length, key.length);
      }
    }
    return new Page(entries, !more, cursors.encode(new Cursor(partnerId, signature(orderId), 0, last)));
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

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] joined = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, joined, a.length, b.length);
    return joined;
  }
}
