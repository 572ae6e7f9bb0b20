package io.orderledger.poller.sources.giftcard;

import io.orderledger.poller.http.UpstreamHttp;
import io.orderledger.poller.paging.EntryKeys;
import io.orderledger.poller.paging.ListedPage;
import io.orderledger.poller.paging.ListDirection;
import io.orderledger.poller.paging.Listing;
import io.orderledger.poller.paging.ListingReader;
import io.orderledger.poller.paging.ScanWindow;
import io.orderledger.poller.paging.SourcePaging;
import io.orderledger.poller.source.SourceConfig;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The gift-card reseller (seed 002): {@code GET /api/v1/orders?page=&limit=}, with {@code X-Total-Pages}; a 404 is the
 * API's way of saying a page is empty. It has no single-order endpoint and reports no update time.
 *
 * <p>Seed 002 does not say in which order pages come, so the scan reads it from the data. Newest first: page until a
 * page reaches past the window's start (orders placed meanwhile push older ones onto later pages: read twice, never
 * skipped). Oldest first: orders placed meanwhile go to the end, so the scan starts at the last page that began before
 * the window (kept in the checkpoint) and reads to the end; if that page does not begin before the window any more
 * (positions moved), it starts again at page 1.
 */
public final class GiftCardPaging implements SourcePaging {

  /** A list entry's id and creation time (RFC 3339). */
  public static final EntryKeys KEYS = new EntryKeys("id", "placed_at", EntryKeys.TimeFormat.RFC3339);

  private final SourceConfig source;
  private final UpstreamHttp http;
  private final Map<String, String> headers;

  public GiftCardPaging(SourceConfig source, UpstreamHttp http) {
    this.source = source;
    this.http = http;
    this.headers = Map.of("X-API-Key", source.apiKey(), "X-API-Secret", source.apiSecret() == null ? "" : source.apiSecret());
  }

  @Override
  public EntryKeys entryKeys() {
    return KEYS;
  }

  @Override
  public Listing scan(ScanWindow window) {
    ListingReader reader = new ListingReader(http, KEYS, window);
    int limit = Math.min(source.pageSize(), 100);
    int page = window.direction() == ListDirection.OLDEST_FIRST ? resumePage(window.resume()) : 1;
    boolean resumed = page > 1;
    while (true) {
      ListedPage orders = reader.fetch(source.resolve("/api/v1/orders?page=" + page + "&limit=" + limit), headers, true);
      if (orders == null) {
        break;
      }
      if (!orders.hasEntries()) {
        reader.rejectPage("page " + page + " is not a JSON array of orders");
        break;
      }
      ListingReader.PageStats stats = reader.addPage(orders.entries(), String.valueOf(page));
      if (reader.stopped()) {
        break;
      }
      if (resumed) {
        resumed = false;
        if (stats.isEmpty() || stats.first() >= window.since() || reader.direction() == ListDirection.NEWEST_FIRST) {
          reader.restart();
          page = 1;
          continue;
        }
      }
      String totalPages = reader.lastResponse().header("X-Total-Pages");
      boolean last = orders.entries().size() < limit || totalPages != null && totalPages.trim().matches("\\d{1,9}") && page >= Integer.parseInt(totalPages.trim());
      if (last || reader.direction() == ListDirection.NEWEST_FIRST && stats.oldest() < window.since()) {
        break;
      }
      page++;
    }
    return reader.build();
  }

  private static int resumePage(String token) {
    return token != null && token.matches("\\d{1,9}") ? Math.max(1, Integer.parseInt(token)) : 1;
  }

  @Override
  public boolean hasSingleOrders() {
    return false;
  }

  @Override
  public boolean needsDetail(JsonNode listEntry) {
    return false;
  }

  @Override
  public JsonNode detail(String nativeId) {
    throw new UnsupportedOperationException("the gift-card reseller has no single-order endpoint");
  }
}
