package io.orderledger.simulator.sources.netconnect;

import io.orderledger.simulator.api.SourceApi;
import io.orderledger.simulator.sources.SimulatedApi;
import io.orderledger.simulator.world.ListOrder;
import io.orderledger.simulator.world.OrderKind;
import io.orderledger.simulator.world.SimOrder;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * NetConnect's partner API (seeds 000, 001): data, airtime, result checkers, bulk data and top-ups, the first order a
 * partner's opening deposit. A pending order's price may be corrected; inside the processing state the provider's
 * reference arrives or a retry is reported.
 */
public final class NetConnectShape implements SimulatedApi {

  private final NetConnectApi api = new NetConnectApi();

  @Override
  public String name() {
    return "netconnect";
  }

  @Override
  public String defaultCurrency() {
    return "GHS";
  }

  @Override
  public ListOrder nativeListOrder() {
    return ListOrder.NEWEST_FIRST;
  }

  @Override
  public boolean opensWithDeposit() {
    return true;
  }

  @Override
  public OrderKind pickKind(SplittableRandom random) {
    double roll = random.nextDouble();
    return roll < 0.45 ? OrderKind.DATA : roll < 0.65 ? OrderKind.AIRTIME : roll < 0.78 ? OrderKind.RESULT_CHECKER
        : roll < 0.90 ? OrderKind.BULK_DATA : OrderKind.TOP_UP;
  }

  @Override
  public String newOrderId(int sequence, OrderIds ids) {
    return ids.random(32);
  }

  @Override
  public boolean correctsPendingPrices() {
    return true;
  }

  @Override
  public List<String> changeWhileProcessing(SimOrder order, double roll) {
    if (order.isBulk()) {
      return List.of();
    }
    // Inside the processing state the provider's reference arrives, or a retry is reported: changes, not transitions.
    if (order.providerRef() == null && roll < 0.3) {
      order.setProviderRef(providerRef(order));
      return List.of("providerRef");
    }
    if (order.errorMessage() == null && roll < 0.4) {
      order.setErrorMessage("Provider slow, retrying");
      return List.of("errorMessage");
    }
    return List.of();
  }

  @Override
  public void completed(SimOrder order) {
    if (order.submittedAt() != null && order.providerRef() == null) {
      order.setProviderRef(providerRef(order));
    }
  }

  private static String providerRef(SimOrder order) {
    return "PRV-" + order.id().substring(0, 8).toUpperCase(Locale.ROOT);
  }

  @Override
  public SourceApi api() {
    return api;
  }
}
