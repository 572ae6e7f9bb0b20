package io.orderledger.poller.adapter;

import io.orderledger.events.BulkRecipient;
import io.orderledger.events.OrderSnapshot;
import io.orderledger.events.OrderState;
import io.orderledger.events.OrderType;
import io.orderledger.events.RejectReason;
import io.orderledger.poller.http.UpstreamHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import tools.jackson.databind.JsonNode;

/**
 * The NetConnect partner API (seeds 000 and 001). Listing is newest first over {@code orderType=all}; a scan pages
 * back with the continue cursor until it passes the start of its window, so it sees new orders and every order that
 * may still change, in one pass and without a request per order.
 */
public final class NetConnectAdapter extends PagedAdapter {

  public NetConnectAdapter(SourceConfig source, UpstreamHttp http, LongSupplier clock) {
    super(source, http, clock);
  }

  @Override
  public ScanResult scan(ScanWindow window) {
    Scan scan = new Scan();
    Map<String, String> headers = Map.of("X-API-KEY", source.apiKey());
    int limit = Math.min(source.pageSize(), 100);
    String cursor = null;
    while (true) {
      String query = "/api/v1/orders?orderType=all&limit=" + limit + (cursor == null ? "" : "&cursor=" + encode(cursor));
      JsonNode page = scan.fetch(source.resolve(query), headers, false);
      if (page == null) {
        break;
      }
      JsonNode data = page.get("data");
      JsonNode orders = data == null ? null : data.get("orders");
      JsonNode done = data == null ? null : data.get("isDone");
      if (!page.path("success").asBoolean(false) || orders == null || !orders.isArray() || done == null || !done.isBoolean()) {
        scan.rejectPage(scan.lastResponse.body(), "page " + scan.pages + " is not a NetConnect order list (success, data.orders, data.isDone)");
        break;
      }
      scan.addPage(orders, -1);
      if (scan.stopped()) {
        break;
      }
      long oldest = Long.MAX_VALUE;
      for (JsonNode order : orders) {
        oldest = Math.min(oldest, order.path("createdAt").asLong(Long.MAX_VALUE));
      }
      if (done.asBoolean() || orders.isEmpty() || oldest < window.since()) {
        break;
      }
      JsonNode next = data.get("continueCursor");
      if (next == null || !next.isString() || next.asString().isEmpty()) {
        scan.rejectPage(scan.lastResponse.body(), "page " + scan.pages + " is not done but has no continueCursor");
        break;
      }
      cursor = next.asString();
    }
    return scan.result();
  }

  @Override
  protected String nativeIdOf(JsonNode order) {
    return Fields.optionalText(order, "_id");
  }

  @Override
  protected Observation map(JsonNode order, long position, long observedAt) {
    String id = Fields.text(order, "_id");
    String currency = Fields.currency(order, "currency");
    long createdAt = Fields.epochMillis(order, "createdAt");
    long updatedAt = Fields.epochMillis(order, "updatedAt");
    String stateText = Fields.text(order, "state");
    OrderSnapshot.Builder snapshot = snapshot(id, createdAt, updatedAt)
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
    StringBuilder recipientStates = new StringBuilder();
    JsonNode recipients = order.get("bulkRecipients");
    if (recipients != null && recipients.isArray()) {
      List<BulkRecipient> mapped = new ArrayList<>();
      for (JsonNode recipient : recipients) {
        OrderState status = state(Fields.text(recipient, "status"));
        mapped.add(BulkRecipient.newBuilder()
            .setBeneficiaryMsisdn(Fields.text(recipient, "beneficiaryMsisdn"))
            .setPackageId(Fields.optionalText(recipient, "packageId"))
            .setPackageLabel(Fields.optionalText(recipient, "packageLabel"))
            .setAmountMinor(Fields.decimalAmount(recipient, "amount", currency))
            .setStatus(status)
            .setProviderRef(Fields.optionalText(recipient, "providerRef"))
            .setErrorMessage(Fields.optionalText(recipient, "errorMessage"))
            .setSubmittedAt(Fields.optionalEpochMillis(recipient, "submittedAt"))
            .setCompletedAt(Fields.optionalEpochMillis(recipient, "completedAt"))
            .build());
        recipientStates.append(letter(status));
      }
      snapshot.setBulkRecipients(mapped)
          .setBulkCompletedCount(order.hasNonNull("bulkCompletedCount") ? order.get("bulkCompletedCount").asInt() : null)
          .setBulkFailedCount(order.hasNonNull("bulkFailedCount") ? order.get("bulkFailedCount").asInt() : null);
    }
    return new Observation(source.orderId(id), createdAt, position, snapshot.build(), recipientStates.toString(), true);
  }

  static char letter(OrderState state) {
    return state == OrderState.PROCESSING ? 'R' : state.name().charAt(0);
  }

  /** Wallet balances may be negative (an overdrawn agent), so they are read without the amount's sign check. */
  private static long signedDecimal(JsonNode order, String field, String currency) {
    try {
      return io.orderledger.events.money.MinorUnits.fromDecimal(order.get(field).decimalValue(), currency);
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

  static OrderType type(String text) {
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
