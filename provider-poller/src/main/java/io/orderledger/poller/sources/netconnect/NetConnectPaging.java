package io.orderledger.poller.sources.netconnect;

import io.orderledger.poller.http.UpstreamHttp;
import io.orderledger.poller.http.UpstreamResponse;
import io.orderledger.poller.paging.EntryKeys;
import io.orderledger.poller.paging.ListDirection;
import io.orderledger.poller.paging.ListEntry;
import io.orderledger.poller.paging.ListedPage;
import io.orderledger.poller.paging.Listing;
import io.orderledger.poller.paging.ListingReader;
import io.orderledger.poller.paging.ScanWindow;
import io.orderledger.poller.paging.SourcePaging;
import io.orderledger.poller.paging.UnreadableDetail;
import io.orderledger.poller.source.DetailFetch;
import io.orderledger.poller.source.SourceConfig;
import io.orderledger.poller.source.UpstreamJson;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The NetConnect partner API (seeds 000 and 001): {@code GET /api/v1/orders?orderType=all} page by page with the
 * continue cursor, and {@code GET /api/v1/orders/{id}} for what the list leaves out (providerRef, the payment fields).
 *
 * <p>Seed 000 does not say in which order the list comes, so the scan reads it from the data. Newest first: page until
 * a page reaches past the window's start. Oldest first: every order after the window's start is at the end, so the
 * scan starts at the cursor of the last page that began before the window (kept in the checkpoint) and reads to the
 * end; if that cursor is refused, or the page it gives does not begin before the window, it starts again at the top.
 */
public final class NetConnectPaging implements SourcePaging {

  /** A list entry's id and creation time (epoch milliseconds). */
  public static final EntryKeys KEYS = new EntryKeys("_id", "createdAt", EntryKeys.TimeFormat.EPOCH_MILLIS);
  private static final List<String> DETAIL_ONLY = List.of("providerRef", "paymentReference", "paymentGateway", "paymentGatewayStatus");

  private final SourceConfig source;
  private final UpstreamHttp http;
  private final Map<String, String> headers;

  public NetConnectPaging(SourceConfig source, UpstreamHttp http) {
    this.source = source;
    this.http = http;
    this.headers = Map.of("X-API-KEY", source.apiKey());
  }

  @Override
  public EntryKeys entryKeys() {
    return KEYS;
  }

  @Override
  public Listing scan(ScanWindow window) {
    ListingReader reader = new ListingReader(http, KEYS, window);
    int limit = Math.min(source.pageSize(), 100);
    String cursor = window.direction() == ListDirection.OLDEST_FIRST ? window.resume() : null;
    boolean resumed = cursor != null;
    while (true) {
      String query = "/api/v1/orders?orderType=all&limit=" + limit + (cursor == null ? "" : "&cursor=" + ListingReader.encode(cursor));
      ListedPage page = reader.fetch(source.resolve(query), headers, false, "data", "orders");
      if (page == null && resumed && reader.failedOnTheRequest()) {
        reader.restart(); // the resume cursor has expired
        cursor = null;
        resumed = false;
        continue;
      }
      if (page == null) {
        break;
      }
      JsonNode data = page.rest().get("data");
      List<ListEntry> orders = page.entries();
      JsonNode done = data == null ? null : data.get("isDone");
      if (!page.rest().path("success").asBoolean(false) || orders == null || done == null || !done.isBoolean()) {
        reader.rejectPage("page is not a NetConnect order list (success, data.orders, data.isDone)");
        break;
      }
      ListingReader.PageStats stats = reader.addPage(orders, cursor);
      if (reader.stopped()) {
        break;
      }
      if (resumed) {
        resumed = false;
        if (stats.isEmpty() || stats.first() >= window.since() || reader.direction() == ListDirection.NEWEST_FIRST) {
          reader.restart();
          cursor = null;
          continue;
        }
      }
      if (done.asBoolean() || orders.isEmpty()
          || reader.direction() == ListDirection.NEWEST_FIRST && stats.oldest() < window.since()) {
        break;
      }
      JsonNode next = data.get("continueCursor");
      if (next == null || !next.isString() || next.asString().isEmpty()) {
        reader.rejectPage("page is not done but has no continueCursor");
        break;
      }
      cursor = next.asString();
    }
    return reader.build();
  }

  @Override
  public boolean needsDetail(JsonNode listEntry) {
    return source.detailFetch() == DetailFetch.ALWAYS
        || source.detailFetch() == DetailFetch.AUTO && DETAIL_ONLY.stream().anyMatch(field -> !listEntry.has(field));
  }

  @Override
  public JsonNode detail(String nativeId) {
    UpstreamResponse response = http.get(source.resolve("/api/v1/orders/" + ListingReader.encode(nativeId)), headers, false);
    try {
      JsonNode body = UpstreamJson.MAPPER.readTree(response.body());
      JsonNode order = body.get("data");
      if (!body.path("success").asBoolean(false) || order == null || !order.isObject()) {
        throw new UnreadableDetail("the answer for order " + nativeId + " is not a NetConnect order (success, data)", response.body());
      }
      return order;
    } catch (JacksonException e) {
      throw new UnreadableDetail("the answer for order " + nativeId + " is not valid JSON: " + e.getOriginalMessage(), response.body());
    }
  }
}
