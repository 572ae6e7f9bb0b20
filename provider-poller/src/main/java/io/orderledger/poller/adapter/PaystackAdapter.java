package io.orderledger.poller.adapter;

import io.orderledger.events.OrderState;
import io.orderledger.events.OrderType;
import io.orderledger.events.RejectReason;
import io.orderledger.poller.http.UpstreamHttp;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import tools.jackson.databind.JsonNode;

/**
 * Paystack orders (seed 004). A scan lists {@code from=<window start>} newest first, page by page until
 * {@code meta.pageCount}. Orders placed during a scan push older ones to later pages, so a scan may see an order
 * twice but never skips one. Amounts are already in minor units.
 */
public final class PaystackAdapter extends PagedAdapter {

  public PaystackAdapter(SourceConfig source, UpstreamHttp http, LongSupplier clock) {
    super(source, http, clock);
  }

  @Override
  public ScanResult scan(ScanWindow window) {
    Scan scan = new Scan();
    Map<String, String> headers = Map.of("Authorization", "Bearer " + source.apiKey());
    int perPage = Math.min(source.pageSize(), 1_000);
    String from = window.since() == Long.MIN_VALUE ? "" : "&from=" + encode(Instant.ofEpochMilli(window.since()).toString());
    for (int page = 1; ; page++) {
      JsonNode body = scan.fetch(source.resolve("/order?perPage=" + perPage + "&page=" + page + from), headers, false);
      if (body == null) {
        break;
      }
      JsonNode data = body.get("data");
      JsonNode pageCount = body.path("meta").get("pageCount");
      if (!body.path("status").asBoolean(false) || data == null || !data.isArray() || pageCount == null || !pageCount.isIntegralNumber()) {
        scan.rejectPage(scan.lastResponse.body(), "page " + page + " is not a Paystack order list (status, data, meta.pageCount)");
        break;
      }
      scan.addPage(data, -1);
      if (scan.stopped()) {
        break;
      }
      if (data.isEmpty() || page >= pageCount.asInt()) {
        break;
      }
    }
    return scan.result();
  }

  @Override
  protected String nativeIdOf(JsonNode order) {
    return Fields.optionalText(order, "id");
  }

  @Override
  protected Observation map(JsonNode order, long position, long observedAt) {
    String id = Fields.text(order, "id");
    String currency = Fields.currency(order, "currency");
    long createdAt = Fields.rfc3339(order, "createdAt");
    String status = Fields.text(order, "status");
    return new Observation(source.orderId(id), createdAt, position, snapshot(id, createdAt, observedAt)
        .setShortReference(Fields.optionalText(order, "code"))
        .setAmountMinor(Fields.minorAmount(order, "amount"))
        .setCurrency(currency)
        .setState(state(status))
        .setSourceStatus(status)
        .setOrderType(OrderType.PRODUCT)
        .build(), "", false);
  }

  /** {@code abandoned} (never paid) is a failure for the wallet: the charge is returned. */
  static OrderState state(String status) {
    return switch (status.toLowerCase(Locale.ROOT)) {
      case "pending" -> OrderState.PENDING;
      case "processing" -> OrderState.PROCESSING;
      case "success" -> OrderState.COMPLETED;
      case "failed", "abandoned" -> OrderState.FAILED;
      case "reversed" -> OrderState.REVERSED;
      default -> throw new MappingException(RejectReason.UPSTREAM_UNKNOWN_STATUS, "unknown Paystack order status '" + status + "'");
    };
  }
}
