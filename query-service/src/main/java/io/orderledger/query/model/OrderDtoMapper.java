package io.orderledger.query.model;

import io.orderledger.events.BulkRecipient;
import io.orderledger.events.OrderSnapshot;
import io.orderledger.events.OrderView;
import io.orderledger.events.money.MinorUnits;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The ledger's {@link OrderView} as the API's {@link OrderDto}. Wallet balances are the ledger's, never the source's.
 * Seed 000 types the reference, beneficiary, operator, product and package fields as {@code string}: a source that
 * has nothing for one (an event written before the poller filled them, a NetConnect null) reads {@code ""}, so a
 * client generated from the seed with strict decoding never meets a null there.
 */
public final class OrderDtoMapper {

  private OrderDtoMapper() {
  }

  public static OrderDto toDto(OrderView view) {
    OrderSnapshot order = view.getOrder();
    String currency = order.getCurrency();
    return new OrderDto(
        order.getOrderId(),
        creationTime(order),
        order.getCreatedAt(),
        order.getUpdatedAt(),
        text(order.getShortReference()),
        text(order.getBeneficiaryMsisdn()),
        text(order.getOperatorId()),
        text(order.getOperatorName()),
        text(order.getProductId()),
        text(order.getProductName()),
        text(order.getPackageId()),
        text(order.getPackageLabel()),
        money(bookedAmount(view), currency),
        currency,
        ApiNames.of(order.getState()),
        ApiNames.of(order.getOrderType()),
        order.getProviderRef(),
        order.getSubmittedAt(),
        order.getCompletedAt(),
        order.getErrorMessage(),
        order.getPaymentReference(),
        order.getPaymentGateway(),
        order.getPaymentGatewayStatus(),
        order.getIsBulkOrder(),
        recipients(order.getBulkRecipients(), currency),
        order.getBulkCompletedCount(),
        order.getBulkFailedCount(),
        money(view.getWalletBalanceBeforeMinor(), currency),
        money(view.getWalletBalanceAfterMinor(), currency));
  }

  private static List<BulkRecipientDto> recipients(List<BulkRecipient> recipients, String currency) {
    if (recipients == null) {
      return null;
    }
    List<BulkRecipientDto> dtos = new ArrayList<>(recipients.size());
    for (BulkRecipient r : recipients) {
      dtos.add(new BulkRecipientDto(r.getBeneficiaryMsisdn(), text(r.getPackageId()), text(r.getPackageLabel()),
          money(r.getAmountMinor(), currency), ApiNames.of(r.getStatus()), r.getProviderRef(), r.getErrorMessage(),
          r.getSubmittedAt(), r.getCompletedAt()));
    }
    return dtos;
  }

  /**
   * What the seed's amount shows: the amount the order is booked at, so that walletBalanceBefore − amount =
   * walletBalanceAfter for a debit (+ for a credit) on every order. The ledger keeps walletBalanceAfter at before ∓ the
   * booked amount (OrderFold), so it is their distance. That is the source's amount, except when the source changed the
   * amount once the order was failed or reversed: nothing moves then, and the source's figure is in the order's history
   * and in wallet-discrepancies. An order not booked yet (a sale not yet paid) shows the source's amount.
   */
  static Long bookedAmount(OrderView view) {
    Long before = view.getWalletBalanceBeforeMinor();
    Long after = view.getWalletBalanceAfterMinor();
    return before == null || after == null ? view.getOrder().getAmountMinor() : Math.abs(after - before);
  }

  private static String text(String value) {
    return value == null ? "" : value;
  }

  static BigDecimal money(Long minor, String currency) {
    return minor == null ? null : MinorUnits.toDecimal(minor, currency);
  }

  /** The source's decimal text as a number; the creation time in whole milliseconds when the source gave none. */
  private static BigDecimal creationTime(OrderSnapshot order) {
    String text = order.getCreationTime();
    if (text != null) {
      try {
        return new BigDecimal(text);
      } catch (NumberFormatException notANumber) {
        // The poller validates it; a hand-written event might not. Fall through to createdAt.
      }
    }
    return BigDecimal.valueOf(order.getCreatedAt());
  }
}
