package io.orderledger.poller.sources.paystack;

import io.orderledger.poller.http.UpstreamHttp;
import io.orderledger.poller.http.UpstreamResponse;
import io.orderledger.poller.paging.EntryKeys;
import io.orderledger.poller.paging.ListEntry;
import io.orderledger.poller.paging.ListedPage;
import io.orderledger.poller.paging.ListDirection;
import io.orderledger.poller.paging.Listing;
import io.orderledger.poller.paging.ListingReader;
import io.orderledger.poller.paging.ScanWindow;
import io.orderledger.poller.paging.SourcePaging;
import io.orderledger.poller.paging.UnreadableDetail;
import io.orderledger.poller.source.DetailFetch;
import io.orderledger.poller.source.SourceConfig;
import io.orderledger.poller.source.UpstreamJson;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Paystack orders (seed 004): {@code GET /order?from=<window start>&perPage=&page=} until {@code meta.pageCount}, and
 * Fetch Order ({@code GET /order/:id}) for the customer id and the line items the list leaves out. The window is
 * filtered by the API, so the order of the listing does not matter.
 */
public final class PaystackPaging implements SourcePaging {

  /** A list entry's id and creation time (RFC 3339). */
  public static final EntryKeys KEYS = new EntryKeys("id", "createdAt", EntryKeys.TimeFormat.RFC3339);

  private final SourceConfig source;
  private final UpstreamHttp http;
  private final Map<String, String> headers;

  public PaystackPaging(SourceConfig source, UpstreamHttp http) {
    this.source = source;
    this.http = http;
    this.headers = Map.of("Authorization", "Bearer " + source.apiKey());
  }

  @Override
  public EntryKeys entryKeys() {
    return KEYS;
  }

  @Override
  public Listing scan(ScanWindow window) {
    ListingReader reader = new ListingReader(http, KEYS, window);
    int perPage = Math.min(source.pageSize(), 1_000);
    String from = window.since() == Long.MIN_VALUE ? "" : "&from=" + ListingReader.encode(Instant.ofEpochMilli(window.since()).toString());
    for (int page = 1; ; page++) {
      ListedPage listed = reader.fetch(source.resolve("/order?perPage=" + perPage + "&page=" + page + from), headers, false, "data");
      if (listed == null) {
        break;
      }
      JsonNode body = listed.rest();
      List<ListEntry> data = listed.entries();
      JsonNode pageCount = body.path("meta").get("pageCount");
      if (!body.path("status").asBoolean(false) || data == null || pageCount == null || !pageCount.isIntegralNumber()) {
        reader.rejectPage("page " + page + " is not a Paystack order list (status, data, meta.pageCount)");
        break;
      }
      reader.addPage(data, String.valueOf(page));
      if (reader.stopped() || data.isEmpty() || page >= pageCount.asInt()) {
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
    return source.detailFetch() == DetailFetch.ALWAYS || source.detailFetch() == DetailFetch.AUTO && !listEntry.has("line_items");
  }

  @Override
  public JsonNode detail(String nativeId) {
    UpstreamResponse response = http.get(source.resolve("/order/" + ListingReader.encode(nativeId)), headers, false);
    try {
      JsonNode body = UpstreamJson.MAPPER.readTree(response.body());
      JsonNode order = body.get("data");
      if (!body.path("status").asBoolean(false) || order == null || !order.isObject()) {
        throw new UnreadableDetail("Fetch Order of " + nativeId + " is not a Paystack order (status, data)", response.body());
      }
      return order;
    } catch (JacksonException e) {
      throw new UnreadableDetail("Fetch Order of " + nativeId + " is not valid JSON: " + e.getOriginalMessage(), response.body());
    }
  }
}
