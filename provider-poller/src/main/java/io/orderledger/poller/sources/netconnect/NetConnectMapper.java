package io.orderledger.poller.sources.netconnect;

import io.orderledger.events.BulkRecipient;
import io.orderledger.events.OrderSnapshot;
import io.orderledger.events.OrderState;
import io.orderledger.events.OrderType;
import io.orderledger.events.RejectReason;
import io.orderledger.events.money.MinorUnits;
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
 * A NetConnect order (seeds 000 and 001): the list entry, with what only {@code GET /orders/{id}} carries
 * (providerRef, the payment fields) merged in when it was read. The snapshot has the NetConnect order object's own
 * fields, so this is nearly one to one; the source's own wallet figures are kept beside the ledger's, never used.
 */
public final class NetConnectMapper implements RecordMapper {

  private final SourceConfig source;

  public NetConnectMapper(SourceConfig source) {
    this.source = source;
  }

  @Override
  public String nativeId(JsonNode record) {
    return Fields.text(record, "_id");
  }

  @Override
  public Observation map(JsonNode order, long observedAt) {
    String id = nativeId(order);
    String currency = Fields.currency(order, "currency");
    long createdAt = Fields.epochMillis(order, "createdAt");
    long updatedAt = Fields.epochMillis(order, "updatedAt");
    String stateText = Fields.text(order, "state");
    OrderSnapshot.Builder snapshot = OrderSnapshot.newBuilder()
        .setOrderId(source.orderId(id))
        .setCreatedAt(createdAt)
        .setUpdatedAt(updatedAt)
        .setCreationTime(order.has("_creationTime") && order.get("_creationTime").isNumber()
            ? order.get("_creationTime").decimalValue().toPlainString() : null)
        .setShortReference(Fields.optionalText(order, "shortReference"))
        .setBeneficiaryMsisdn(Fields.optionalText(order, "beneficiaryMsisdn"))
        .setOperatorId(Fields.optionalText(order, "operatorId"))
        .setOperatorName(Fields.optionalText(order, "operatorName"))
        .setProductId(Fields.optionalText(order, "productId"))
        .setProductName(Fields.optionalText(order, "productName"))
        .setPackageId(Fields.optionalText(order, "packageId"))
        .setPackageLabel(Fields.optionalText(order, "packageLabel"))
        .setAmountMinor(Fields.decimalAmount(order, "amount", currency))
        .setCurrency(currency)
        .setState(state(stateText))
        .setSourceStatus(stateText)
        .setOrderType(type(Fields.text(order, "orderType")))
        .setProviderRef(Fields.optionalText(order, "providerRef"))
        .setSubmittedAt(Fields.optionalEpochMillis(order, "submittedAt"))
        .setCompletedAt(Fields.optionalEpochMillis(order, "completedAt"))
        .setErrorMessage(Fields.optionalText(order, "errorMessage"))
        .setPaymentReference(Fields.optionalText(order, "paymentReference"))
        .setPaymentGateway(Fields.optionalText(order, "paymentGateway"))
        .setPaymentGatewayStatus(Fields.optionalText(order, "paymentGatewayStatus"))
        .setIsBulkOrder(order.path("isBulkOrder").asBoolean(false));
    if (order.hasNonNull("walletBalanceBefore") && order.hasNonNull("walletBalanceAfter")) {
      snapshot.setSourceWalletBalanceBeforeMinor(signedDecimal(order, "walletBalanceBefore", currency))
          .setSourceWalletBalanceAfterMinor(signedDecimal(order, "walletBalanceAfter", currency));
    }
    JsonNode recipients = order.get("bulkRecipients");
    if (recipients != null && recipients.isArray()) {
      List<BulkRecipient> mapped = new ArrayList<>();
      for (JsonNode recipient : recipients) {
        mapped.add(BulkRecipient.newBuilder()
            .setBeneficiaryMsisdn(Fields.text(recipient, "beneficiaryMsisdn"))
            .setPackageId(Fields.optionalText(recipient, "packageId"))
            .setPackageLabel(Fields.optionalText(recipient, "packageLabel"))
            .setAmountMinor(Fields.decimalAmount(recipient, "amount", currency))
            .setStatus(state(Fields.text(recipient, "status")))
            .setProviderRef(Fields.optionalText(recipient, "providerRef"))
            .setErrorMessage(Fields.optionalText(recipient, "errorMessage"))
            .setSubmittedAt(Fields.optionalEpochMillis(recipient, "submittedAt"))
            .setCompletedAt(Fields.optionalEpochMillis(recipient, "completedAt"))
            .build());
      }
      snapshot.setBulkRecipients(mapped)
          .setBulkCompletedCount(order.hasNonNull("bulkCompletedCount") ? order.get("bulkCompletedCount").asInt() : null)
          .setBulkFailedCount(order.hasNonNull("bulkFailedCount") ? order.get("bulkFailedCount").asInt() : null);
    }
    return new Observation(source.orderId(id), id, stateText, createdAt, updatedAt, snapshot.build());
  }

  /** Wallet balances may be negative (an overdrawn agent), so they are read without the amount's sign check. */
  private static long signedDecimal(JsonNode order, String field, String currency) {
    try {
      return MinorUnits.fromDecimal(order.get(field).decimalValue(), currency);
    } catch (ArithmeticException | UnsupportedOperationException e) {
      throw new MappingException(RejectReason.UPSTREAM_INVALID_AMOUNT, "field '" + field + "' is not an amount in " + currency);
    }
  }

  static OrderState state(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "pending" -> OrderState.PENDING;
      case "processing" -> OrderState.PROCESSING;
      case "completed" -> OrderState.COMPLETED;
      case "failed" -> OrderState.FAILED;
      case "reversed" -> OrderState.REVERSED;
      default -> throw new MappingException(RejectReason.UPSTREAM_UNKNOWN_STATUS, "unknown NetConnect state '" + text + "'");
    };
  }

  public static OrderType type(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "data" -> OrderType.DATA;
      case "airtime" -> OrderType.AIRTIME;
      case "voice" -> OrderType.VOICE;
      case "afa" -> OrderType.AFA;
      case "registration" -> OrderType.REGISTRATION;
      case "top_up" -> OrderType.TOP_UP;
      case "result_checker" -> OrderType.RESULT_CHECKER;
      // A type added upstream after this release: kept (as UNKNOWN, the enum's default) rather than lost.
      default -> OrderType.UNKNOWN;
    };
  }
}
