package io.orderledger.poller.sources.giftcard;

import io.orderledger.events.OrderSnapshot;
import io.orderledger.events.OrderState;
import io.orderledger.events.OrderType;
import io.orderledger.events.RejectReason;
import io.orderledger.poller.mapping.Fields;
import io.orderledger.poller.mapping.MappingException;
import io.orderledger.poller.mapping.Observation;
import io.orderledger.poller.mapping.RecordMapper;
import io.orderledger.poller.source.SourceConfig;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * A gift-card reseller order (seed 002). The API reports no update time: the poll time stands in for it. Email, the
 * payment transaction and the rest stay in the source record; the snapshot's seed fields are filled from what the
 * order has (provider-poller/README.md, "Mapping").
 */
public final class GiftCardMapper implements RecordMapper {

  private final SourceConfig source;

  public GiftCardMapper(SourceConfig source) {
    this.source = source;
  }

  @Override
  public String nativeId(JsonNode record) {
    return Fields.text(record, "id");
  }

  @Override
  public Observation map(JsonNode order, long observedAt) {
    String id = nativeId(order);
    String currency = Fields.currency(order, "currency");
    long placedAt = Fields.rfc3339(order, "placed_at");
    String status = Fields.text(order, "status");
    JsonNode mobile = order.get("mobile");
    String msisdn = mobile == null || !mobile.isObject() ? ""
        : (mobile.path("mobile_country_code").asString("") + mobile.path("mobile_number").asString("")).replace("+", "");
    String productId = Fields.textOr(order, "product_id", "");
    String productName = Fields.textOr(order, "product_name", "");
    String denomination = Fields.optionalText(order, "denomination");
    String quantity = Fields.optionalText(order, "quantity");
    OrderSnapshot snapshot = OrderSnapshot.newBuilder()
        .setOrderId(source.orderId(id))
        .setCreatedAt(placedAt)
        .setUpdatedAt(observedAt)
        .setShortReference(Fields.textOr(order, "reference_code", ""))
        .setBeneficiaryMsisdn(msisdn)
        .setOperatorId("")
        .setOperatorName(brand(productName))
        .setProductId(productId)
        .setProductName(productName)
        .setPackageId(denomination == null || productId.isEmpty() ? "" : productId + ":" + denomination)
        .setPackageLabel(quantity == null || denomination == null ? "" : quantity + " × " + denomination + " " + currency)
        .setPaymentReference(Fields.optionalText(order, "transaction_id"))
        .setAmountMinor(Fields.decimalAmount(order, "amount", currency))
        .setCurrency(currency)
        .setState(state(status))
        .setSourceStatus(status)
        .setOrderType(OrderType.GIFT_CARD)
        .setIsBulkOrder(false)
        .build();
    return new Observation(source.orderId(id), id, status, placedAt, null, snapshot);
  }

  /** The card's brand, as an operator name: "Google Play Gift Card" is a Google Play card. */
  static String brand(String productName) {
    String trimmed = productName.strip();
    String lower = trimmed.toLowerCase(Locale.ROOT);
    return lower.endsWith(" gift card") ? trimmed.substring(0, trimmed.length() - " gift card".length()).strip() : trimmed;
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
