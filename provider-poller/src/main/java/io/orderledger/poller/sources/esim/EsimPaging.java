package io.orderledger.poller.sources.esim;

import io.orderledger.poller.http.UpstreamHttp;
import io.orderledger.poller.paging.EntryKeys;
import io.orderledger.poller.paging.ListDirection;
import io.orderledger.poller.paging.ListedPage;
import io.orderledger.poller.paging.Listing;
import io.orderledger.poller.paging.ListingReader;
import io.orderledger.poller.paging.ScanWindow;
import io.orderledger.poller.paging.SourcePaging;
import io.orderledger.poller.source.SourceConfig;
import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The eSIM provider (seed 003): {@code GET /orders?includeIccids=true&createdAt=gte:<window start>&page=&limit=},
 * until a short page. The window is filtered by the API, so the order of the listing does not matter: orders placed
 * during a scan are read twice or next time, never skipped. It has no single-order endpoint.
 */
public final class EsimPaging implements SourcePaging {

  /** A list entry's id and creation time (RFC 3339). */
  public static final EntryKeys KEYS = new EntryKeys("orderReference", "createDate", EntryKeys.TimeFormat.RFC3339);

  private final SourceConfig source;
  private final UpstreamHttp http;
  private final Map<String, String> headers;

  public EsimPaging(SourceConfig source, UpstreamHttp http) {
    this.source = source;
    this.http = http;
    this.headers = Map.of("X-API-Key", source.apiKey());
  }

  @Override
  public EntryKeys entryKeys() {
    return KEYS;
  }

  @Override
  public Listing scan(ScanWindow window) {
    ListingReader reader = new ListingReader(http, KEYS, window);
    int limit = Math.min(source.pageSize(), 10_000);
    String since = window.since() == Long.MIN_VALUE ? "" : "&createdAt=" + ListingReader.encode("gte:" + Instant.ofEpochMilli(window.since()));
    for (int page = 1; ; page++) {
      ListedPage orders = reader.fetch(source.resolve("/orders?includeIccids=true&page=" + page + "&limit=" + limit + since), headers, false);
      if (orders == null) {
        break;
      }
      if (!orders.hasEntries()) {
        reader.rejectPage("page " + page + " is not a JSON array of orders");
        break;
      }
      reader.addPage(orders.entries(), String.valueOf(page));
      if (reader.stopped() || orders.entries().size() < limit) {
        break;
      }
    }
    return reader.build();
  }

  /** The source filters by creation time ({@code createdAt=gte:} / {@code from=}): a narrower window is fewer pages. */
  @Override
  public boolean narrowsCheaply(ListDirection lastDirection) {
    return true;
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
    throw new UnsupportedOperationException("the eSIM provider has no single-order endpoint");
  }
}
