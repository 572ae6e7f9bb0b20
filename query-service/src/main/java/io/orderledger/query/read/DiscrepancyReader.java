package io.orderledger.query.read;

import io.orderledger.query.store.StoreKeys;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads a partner's wallet discrepancies, newest first: where a source's own wallet figures disagreed with the
 * ledger's, an amount changed after it was booked, or a refund exceeded what was credited. One range scan of the
 * partner's keys.
 */
public final class DiscrepancyReader {

  /** What a discrepancies cursor is bound to. */
  static final String SIGNATURE = "discrepancies";

  private final ReadOnlyKeyValueStore<Bytes, byte[]> discrepancies;
  private final PagedRange paging;

  public DiscrepancyReader(ReadOnlyKeyValueStore<Bytes, byte[]> discrepancies, PagedRange paging) {
    this.discrepancies = discrepancies;
    this.paging = paging;
  }

  /**
   * @param cursor the client's continue cursor, or null for the first page
   * @throws InvalidCursor when the cursor is not one issued for this partner's discrepancies
   */
  public PagedRange.Page<JsonSlice> discrepancies(String partnerId, String cursor, int limit) {
    PagedRange.Resume resume = paging.resume(partnerId, SIGNATURE, cursor, 0);
    return paging.page(discrepancies, List.of(PagedRange.Range.under(StoreKeys.partnerPrefix(partnerId))), partnerId, SIGNATURE, resume,
        limit, (key, value, prefixLength) -> JsonSlice.of(value));
  }
}
