package io.orderledger.poller.sources.paystack;

import io.orderledger.events.MoneyFlow;
import io.orderledger.poller.sources.SupportedSource;

/** Paystack's orders (seed 004): "orders for your products", so the partner's customers pay the partner. */
public final class PaystackSource {

  public static final SupportedSource API = new SupportedSource("paystack", MoneyFlow.SALE, false, PaystackPaging::new, PaystackMapper::new);

  private PaystackSource() {
  }
}
