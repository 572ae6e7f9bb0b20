package io.orderledger.poller.adapter;

import io.orderledger.events.OrderState;
import io.orderledger.events.OrderType;
import io.orderledger.events.RejectReason;
import io.orderledger.poller.http.UpstreamHttp;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import tools.jackson.databind.JsonNode;

/**
 * The gift-card reseller (seed 002). Orders are listed oldest first by page, so an order keeps its position and a
 * scan starts at the page holding the oldest order it still watches. The API has no update time: the poll time
 * stands in for it. A 404 is the API's way of saying a page is empty.
 */
public final class GiftCardAdapter extends PagedAdapter {

  public GiftCardAdapter(SourceConfig source, UpstreamHttp http, LongSupplier clock) {
    super(source, http, clock);
  }

  @Override
  public ScanResult scan(ScanWindow window) {
    Scan scan = new Scan();
    Map<String, String> headers = Map.of("X-API-Key", source.apiKey(), "X-API-Secret", source.apiSecret() == null ? "" : source.apiSecret());
    int limit = Math.min(source.pageSize(), 100);
    int page = (int) (Math.max(0, window.fromPosition()) / limit) + 1;
    while (true) {
      JsonNode orders = scan.fetch(source.resolve("/api/v1/orders?page=" + page + "&limit=" + limit), headers, true);
      if (orders == null) {
        break;
      }
      if (!orders.isArray()) {
        scan.rejectPage(scan.lastResponse.body(), "page " + page + " is not a JSON array of orders");
        break;
      }
      scan.addPage(orders, (long) (page - 1) * limit);
      if (scan.stopped()) {
        break;
      }
      String totalPages = scan.lastResponse.header("X-Total-Pages");
      boolean last = orders.size() < limit || totalPages != null && totalPages.trim().matches("\\d+") && page >= Integer.parseInt(totalPages.trim());
      if (last) {
        break;
      }
      page++;
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
    long placedAt = Fields.rfc3339(order, "placed_at");
    String status = Fields.text(order, "status");
    JsonNode mobile = order.get("mobile");
    String msisdn = mobile == null || !mobile.isObject() ? null
        : (mobile.path("mobile_country_code").asString("") + mobile.path("mobile_number").asString("")).replace("+", "");
    String quantity = Fields.optionalText(order, "quantity");
    String denomination = Fields.optionalText(order, "denomination");
    return new Observation(source.orderId(id), placedAt, position, snapshot(id, placedAt, observedAt)
        .setShortReference(Fields.optionalText(order, "reference_code"))
        .setBeneficiaryMsisdn(msisdn == null || msisdn.isEmpty() ? null : msisdn)
        .setProductId(Fields.optionalText(order, "product_id"))
        .setProductName(Fields.optionalText(order, "product_name"))
        .setPackageLabel(quantity == null || denomination == null ? null : quantity + " × " + denomination)
        .setPaymentReference(Fields.optionalText(order, "transaction_id"))
        .setAmountMinor(Fields.decimalAmount(order, "amount", currency))
        .setCurrency(currency)
        .setState(state(status))
        .setSourceStatus(status)
        .setOrderType(OrderType.GIFT_CARD)
        .build(), "", false);
  }

  /** Seed 002's table: delivered and partially delivered orders stay charged; failed and cancelled ones are refunded. */
  static OrderState state(String status) {
    return switch (status.toUpperCase(Locale.ROOT)) {
      case "PENDING" -> OrderState.PENDING;
      case "PROCESSING" -> OrderState.PROCESSING;
      case "DELIVERED", "PARTIALLY_DELIVERED" -> OrderState.COMPLETED;
      case "FAILED", "CANCELLED" -> OrderState.FAILED;
      default -> throw new MappingException(RejectReason.UPSTREAM_UNKNOWN_STATUS, "unknown gift-card status '" + status + "'");
    };
  }
}
