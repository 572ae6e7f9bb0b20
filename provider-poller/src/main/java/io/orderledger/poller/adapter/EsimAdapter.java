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
 * The eSIM provider (seed 003). A scan asks for {@code createdAt=gte:<window start>} and pages oldest first until a
 * short page. Totals are integers in minor units; there is no update time, so the poll time stands in for it.
 */
public final class EsimAdapter extends PagedAdapter {

  public EsimAdapter(SourceConfig source, UpstreamHttp http, LongSupplier clock) {
    super(source, http, clock);
  }

  @Override
  public ScanResult scan(ScanWindow window) {
    Scan scan = new Scan();
    Map<String, String> headers = Map.of("X-API-Key", source.apiKey());
    int limit = Math.min(source.pageSize(), 10_000);
    String since = window.since() == Long.MIN_VALUE ? "" : "&createdAt=" + encode("gte:" + Instant.ofEpochMilli(window.since()));
    for (int page = 1; ; page++) {
      JsonNode orders = scan.fetch(source.resolve("/orders?includeIccids=false&page=" + page + "&limit=" + limit + since), headers, false);
      if (orders == null) {
        break;
      }
      if (!orders.isArray()) {
        scan.rejectPage(scan.lastResponse.body(), "page " + page + " is not a JSON array of orders");
        break;
      }
      scan.addPage(orders, -1);
      if (scan.stopped()) {
        break;
      }
      if (orders.size() < limit) {
        break;
      }
    }
    return scan.result();
  }

  @Override
  protected String nativeIdOf(JsonNode order) {
    return Fields.optionalText(order, "orderReference");
  }

  @Override
  protected Observation map(JsonNode order, long position, long observedAt) {
    String id = Fields.text(order, "orderReference");
    String currency = Fields.currency(order, "currency");
    long createdAt = Fields.rfc3339(order, "createDate");
    String status = Fields.text(order, "status");
    JsonNode items = order.get("order");
    String item = items != null && items.isArray() && !items.isEmpty() ? Fields.optionalText(items.get(0), "item") : null;
    OrderState state = state(status);
    return new Observation(source.orderId(id), createdAt, position, snapshot(id, createdAt, observedAt)
        .setProductName(item)
        .setPackageLabel(item)
        .setAmountMinor(Fields.minorAmount(order, "total"))
        .setCurrency(currency)
        .setState(state)
        .setSourceStatus(status)
        .setErrorMessage(state == OrderState.FAILED || state == OrderState.REVERSED ? Fields.optionalText(order, "statusMessage") : null)
        .setOrderType(OrderType.ESIM)
        .build(), "", false);
  }

  static OrderState state(String status) {
    return switch (status.toLowerCase(Locale.ROOT)) {
      case "pending" -> OrderState.PENDING;
      case "processing" -> OrderState.PROCESSING;
      case "completed" -> OrderState.COMPLETED;
      case "failed", "cancelled" -> OrderState.FAILED;
      case "refunded" -> OrderState.REVERSED;
      default -> throw new MappingException(RejectReason.UPSTREAM_UNKNOWN_STATUS, "unknown eSIM order status '" + status + "'");
    };
  }
}
