package io.orderledger.simulator.sources.giftcard;

import io.orderledger.simulator.api.SourceApi;
import io.orderledger.simulator.sources.SimulatedApi;
import io.orderledger.simulator.world.ListOrder;
import io.orderledger.simulator.world.OrderKind;
import io.orderledger.simulator.world.SimOrder;
import java.util.SplittableRandom;

/**
 * The gift-card reseller (seed 002): numeric ids; no reversal, so a delivered order taken back is cancelled (seed 002
 * refunds cancelled orders); a multi-card order may deliver its last cards later (the world decides which).
 */
public final class GiftCardShape implements SimulatedApi {

  private final GiftCardApi api = new GiftCardApi();

  @Override
  public String name() {
    return "gift_card";
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
    return OrderKind.GIFT_CARD;
  }

  @Override
  public String newOrderId(int sequence, OrderIds ids) {
    return String.valueOf(ids.numericBase() + sequence);
  }

  @Override
  public boolean cancelsAfterDelivery(SimOrder order) {
    return true;
  }

  @Override
  public SourceApi api() {
    return api;
  }
}
