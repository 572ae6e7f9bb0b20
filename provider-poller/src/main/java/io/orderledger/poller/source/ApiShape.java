package io.orderledger.poller.source;

import io.orderledger.events.MoneyFlow;
import java.util.Locale;

/** The upstream API shapes the poller can read (seeds 000/001, 002, 003, 004). */
public enum ApiShape {
  NETCONNECT, GIFT_CARD, ESIM, PAYSTACK;

  /** The shape's name in events ({@code SourceRecord.system}): netconnect, gift_card, esim, paystack. */
  public String system() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Paystack lists "orders for your products": the partner's customers pay the partner. The others sell to the partner. */
  public MoneyFlow defaultMoneyFlow() {
    return this == PAYSTACK ? MoneyFlow.SALE : MoneyFlow.PURCHASE;
  }
}
