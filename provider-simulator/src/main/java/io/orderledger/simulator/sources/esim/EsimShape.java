package io.orderledger.simulator.sources.esim;

import io.orderledger.simulator.api.SourceApi;
import io.orderledger.simulator.sources.SimulatedApi;
import io.orderledger.simulator.world.ListOrder;
import io.orderledger.simulator.world.OrderKind;
import io.orderledger.simulator.world.SimOrder;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The eSIM provider (seed 003): a status message that moves on while the order is processing, an ICCID once it
 * completes; one completed order in two taken back is cancelled, the other refunded.
 */
public final class EsimShape implements SimulatedApi {

  private static final String PROCESSING = "Order processing";

  private final EsimApi api = new EsimApi();

  @Override
  public String name() {
    return "esim";
  }

  @Override
  public String defaultCurrency() {
    return "USD";
  }

  @Override
  public ListOrder nativeListOrder() {
    return ListOrder.OLDEST_FIRST;
  }

  @Override
  public OrderKind pickKind(SplittableRandom random) {
    return OrderKind.ESIM;
  }

  @Override
  public String newOrderId(int sequence, OrderIds ids) {
    return "esim-" + ids.random(12);
  }

  @Override
  public void placed(SimOrder order) {
    order.setStatusMessage("Order received");
  }

  @Override
  public void submitted(SimOrder order) {
    order.setStatusMessage(PROCESSING);
  }

  @Override
  public List<String> changeWhileProcessing(SimOrder order, double roll) {
    if (roll < 0.3 && order.statusMessage().equals(PROCESSING)) {
      order.setStatusMessage("Provisioning eSIM");
      return List.of("statusMessage");
    }
    return List.of();
  }

  @Override
  public boolean cancelsAfterDelivery(SimOrder order) {
    return order.sequence() % 2 == 0;
  }

  @Override
  public void completed(SimOrder order) {
    order.setStatusMessage("Order completed");
    order.setIccid("8944" + String.format(Locale.ROOT, "%015d", Math.abs(order.id().hashCode()) * 1000L + order.sequence() % 1000));
  }

  @Override
  public void failed(SimOrder order, String message) {
    order.setStatusMessage(message);
  }

  @Override
  public SourceApi api() {
    return api;
  }
}
