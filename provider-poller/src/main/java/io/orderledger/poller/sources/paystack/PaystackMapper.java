package io.orderledger.poller.sources.paystack;

import io.orderledger.events.OrderSnapshot;
import io.orderledger.events.OrderState;
import io.orderledger.events.OrderType;
import io.orderledger.events.RejectReason;
import io.orderledger.poller.mapping.Fields;
import io.orderledger.poller.mapping.MappingException;
import io.orderledger.poller.mapping.Observation;
import io.orderledger.poller.mapping.RecordMapper;
import io.orderledger.poller.source.SourceConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * A Paystack order (seed 004): the list entry, with the customer id and the line items that only Fetch Order carries
 * merged in. Amounts are minor units already. These are the partner's sales (the source's money flow is SALE by
 * default). The customer stays in the source record.
 */
public final class PaystackMapper implements RecordMapper {

  private final SourceConfig source;

  public PaystackMapper(SourceConfig source) {
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
    long createdAt = Fields.rfc3339(order, "createdAt");
    String status = Fields.text(order, "status");
    String productId = "";
    String productName = "";
    List<String> labels = new ArrayList<>();
    for (JsonNode line : order.path("line_items")) {
      JsonNode product = line.path("product");
      String name = Fields.textOr(product, "name", "");
      if (productId.isEmpty()) {
        productId = Fields.textOr(product, "id", "");
        productName = name;
      }
      long quantity = line.path("quantity").asLong(1);
      labels.add(quantity > 1 ? quantity + " × " + name : name);
    }
    OrderSnapshot snapshot = OrderSnapshot.newBuilder()
        .setOrderId(source.orderId(id))
        .setCreatedAt(createdAt)
        .setUpdatedAt(observedAt)
        .setShortReference(Fields.textOr(order, "code", ""))
        .setBeneficiaryMsisdn("")
        .setOperatorId("")
        .setOperatorName("")
        .setProductId(productId)
        .setProductName(productName)
        .setPackageId("")
        .setPackageLabel(String.join(", ", labels))
        .setPaymentGateway("paystack")
        .setPaymentGatewayStatus(status)
        .setAmountMinor(Fields.minorAmount(order, "amount"))
        .setCurrency(currency)
        .setState(state(status))
        .setSourceStatus(status)
        .setOrderType(OrderType.PRODUCT)
        .setIsBulkOrder(false)
        .build();
    return new Observation(source.orderId(id), id, status, createdAt, null, snapshot);
  }

  /** {@code abandoned} (never paid) is a failure: nothing was credited, nothing moves. */
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
