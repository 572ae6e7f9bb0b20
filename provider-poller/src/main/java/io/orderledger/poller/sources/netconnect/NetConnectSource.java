package io.orderledger.poller.sources.netconnect;

import io.orderledger.events.MoneyFlow;
import io.orderledger.poller.sources.SupportedSource;

/** The NetConnect partner API (seeds 000, 001): the partner buys data, airtime, result checkers and top-ups. The API we
 * serve is NetConnect's, so its order ids are the canonical ones. */
public final class NetConnectSource {

  public static final SupportedSource API = new SupportedSource("netconnect", MoneyFlow.PURCHASE, true, NetConnectPaging::new, NetConnectMapper::new);

  private NetConnectSource() {
  }
}
