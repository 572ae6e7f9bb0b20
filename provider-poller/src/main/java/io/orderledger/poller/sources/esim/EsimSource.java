package io.orderledger.poller.sources.esim;

import io.orderledger.events.MoneyFlow;
import io.orderledger.poller.sources.SupportedSource;

/** The eSIM provider (seed 003): the partner buys eSIM bundles. */
public final class EsimSource {

  public static final SupportedSource API = new SupportedSource("esim", MoneyFlow.PURCHASE, false, EsimPaging::new, EsimMapper::new);

  private EsimSource() {
  }
}
