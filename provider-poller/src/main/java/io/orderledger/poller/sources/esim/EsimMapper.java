package io.orderledger.poller.sources.esim;

import io.orderledger.events.OrderSnapshot;
import io.orderledger.events.OrderState;
import io.orderledger.events.OrderType;
import io.orderledger.events.RejectReason;
import io.orderledger.events.money.MinorUnits;
import io.orderledger.poller.mapping.Fields;
import io.orderledger.poller.mapping.MappingException;
import io.orderledger.poller.mapping.Observation;
import io.orderledger.poller.mapping.RecordMapper;
import io.orderledger.poller.source.AmountUnit;
import io.orderledger.poller.source.SourceConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * An eSIM provider order (seed 003), read with {@code includeIccids=true}. Totals are integers, in minor units unless the
 * source says otherwise ({@link AmountUnit}: the seed only says "integer"); there is no update time, so the poll time stands in for it. Every item (bundles, top-ups, their prices and invoice links)
 * and every eSIM's identity stay in the source record; the snapshot names the bundles and the first eSIM.
 */
public final class EsimMapper implements RecordMapper {

  private final SourceConfig source;

  public EsimMapper(SourceConfig source) {
    this.source = source;
  }

  @Override
  public String nativeId(JsonNode record) {
    return Fields.text(record, "orderReference");
  }

  @Override
  public Observation map(JsonNode order, long observedAt) {
    String id = nativeId(order);
    String currency = Fields.currency(order, "currency");
    long createdAt = Fields.rfc3339(order, "createDate");
    String status = Fields.text(order, "status");
    OrderState state = state(status);
    JsonNode items = order.get("order");
    String firstBundle = "";
    List<String> labels = new ArrayList<>();
    if (items != null && items.isArray()) {
      for (JsonNode item : items) {
        String name = Fields.textOr(item, "item", "");
        if (firstBundle.isEmpty() && "bundle".equals(Fields.optionalText(item, "type"))) {
          firstBundle = name;
        }
        long quantity = item.path("quantity").asLong(1);
        labels.add(quantity > 1 ? quantity + " × " + name : name);
      }
    }
    OrderSnapshot snapshot = OrderSnapshot.newBuilder()
        .setOrderId(source.orderId(id))
        .setCreatedAt(createdAt)
        .setUpdatedAt(observedAt)
        .setShortReference(id)
        .setBeneficiaryMsisdn("")
        .setOperatorId("")
        .setOperatorName("")
        .setProductId(firstBundle)
        .setProductName(firstBundle)
        .setPackageId(firstIccid(order, items))
        .setPackageLabel(String.join(", ", labels))
        .setAmountMinor(total(order, currency))
        .setCurrency(currency)
        .setState(state)
        .setSourceStatus(status)
        .setErrorMessage(state == OrderState.FAILED || state == OrderState.REVERSED ? Fields.optionalText(order, "statusMessage") : null)
        .setOrderType(OrderType.ESIM)
        .setIsBulkOrder(false)
        .build();
    return new Observation(source.orderId(id), id, status, createdAt, null, snapshot);
  }

  /** The order's total in minor units: as the source's integer says, or scaled when the source counts whole units. */
  private long total(JsonNode order, String currency) {
    long total = Fields.minorAmount(order, "total");
    if (source.amountUnit() == AmountUnit.MINOR) {
      return total;
    }
    try {
      return MinorUnits.fromDecimal(java.math.BigDecimal.valueOf(total), currency);
    } catch (ArithmeticException | IllegalArgumentException e) {
      throw new MappingException(RejectReason.UPSTREAM_INVALID_AMOUNT, "total " + total + " " + currency + " in whole units: " + e.getMessage());
    }
  }

  /** The eSIM's identity: the first ICCID of a bundle's eSIMs, or of the order's ICCIDs array; "" before it has one. */
  private static String firstIccid(JsonNode order, JsonNode items) {
    if (items != null && items.isArray()) {
      for (JsonNode item : items) {
        for (JsonNode esim : item.path("esims")) {
          String iccid = Fields.optionalText(esim, "iccid");
          if (iccid != null) {
            return iccid;
          }
        }
      }
    }
    JsonNode iccids = order.get("iccids");
    return iccids != null && iccids.isArray() && !iccids.isEmpty() && iccids.get(0).isValueNode() ? iccids.get(0).asString() : "";
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
