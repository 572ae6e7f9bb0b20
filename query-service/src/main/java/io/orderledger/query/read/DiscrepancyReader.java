package io.orderledger.query.read;

import io.orderledger.query.store.StoreKeys;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads a partner's wallet discrepancies, newest first: where a source's own wallet figures disagreed with the
 * ledger's, an amount changed after it was booked, or a refund exceeded what was credited. One range scan of the
 * partner's keys.
 */
public final class DiscrepancyReader {

  /** One page, whether it is the last, and the cursor that continues it. */
  public record Page(List<JsonSlice> entries, boolean done, String continueCursor) {
  }

  private final ReadOnlyKeyValueStore<Bytes, byte[]> discrepancies;

  public DiscrepancyReader(ReadOnlyKeyValueStore<Bytes, byte[]> discrepancies) {
    this.discrepancies = discrepancies;
  }

  /** What a discrepancies cursor is bound to. */
  public static String signature() {
    return "discrepancies";
  }

  /** @param after the position of the last entry already read (from a cursor), or null for the first page */
  public Page discrepancies(String partnerId, byte[] after, int limit, CursorCodec cursors) {
    byte[] prefix = StoreKeys.partnerPrefix(partnerId);
    byte[] from = prefix;
    if (after != null) {
      from = Arrays.copyOf(prefix, prefix.length + after.length + 1); // just after the last key read
      System.arraycopy(after, 0, from, prefix.length, after.length);
    }
    List<JsonSlice> entries = new ArrayList<>(limit);
    byte[] last = after;
    boolean more = false;
    try (KeyValueIterator<Bytes, byte[]> range = discrepancies.range(Bytes.wrap(from), StoreKeys.end(prefix))) {
      while (range.hasNext()) {
        KeyValue<Bytes, byte[]> next = range.next();
        if (entries.size() == limit) {
          more = true;
          break;
        }
        entries.add(JsonSlice.of(next.value));
        byte[] key = next.key.get();
        last = Arrays.copyOfRange(key, prefix.length, key.length);
      }
    }
    return new Page(entries, !more, cursors.encode(new Cursor(partnerId, signature(), 0, last)));
  }
}
