package io.orderledger.poller.sources.esim;

import io.orderledger.poller.http.UpstreamHttp;
import io.orderledger.poller.paging.Entries;
import io.orderledger.poller.paging.ListDirection;
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

  private final SourceConfig source;
  private final UpstreamHttp http;
  private final Map<String, String> headers;

  public EsimPaging(SourceConfig source, UpstreamHttp http) {
    this.source = source;
    this.http = http;
    this.headers = Map.of("X-API-Key", source.apiKey());
  }

  @Override
  public Listing scan(ScanWindow window) {
    ListingReader reader = new ListingReader(http, order -> Entries.text(order, "orderReference"), order -> Entries.rfc3339(order, "createDate"), window);
    int limit = Math.min(source.pageSize(), 10_000);
    String since = window.since() == Long.MIN_VALUE ? "" : "&createdAt=" + ListingReader.encode("gte:" + Instant.ofEpochMilli(window.since()));
    for (int page = 1; ; page++) {
      JsonNode orders = reader.fetch(source.resolve("/orders?includeIccids=true&page=" + page + "&limit=" + limit + since), headers, false);
      if (orders == null) {
        break;
      }
      if (!orders.isArray()) {
        reader.rejectPage("page " + page + " is not a JSON array of orders");
        break;
      }
      reader.addPage(orders, String.valueOf(page));
      if (reader.stopped() || orders.size() < limit) {
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
  public boolean needsDetail(JsonNode listEntry) {
    return false;
  }

  @Override
  public JsonNode detail(String nativeId) {
    throw new UnsupportedOperationException("the eSIM provider has no single-order endpoint");
  }
}
