package io.orderledger.simulator.sources.paystack;

import io.orderledger.simulator.api.SourceApi;
import io.orderledger.simulator.sources.SimulatedApi;
import io.orderledger.simulator.world.ListOrder;
import io.orderledger.simulator.world.OrderKind;
import java.util.SplittableRandom;

/** Paystack's orders (seed 004): the partner's customers pay the partner for its products; numeric ids. */
public final class PaystackShape implements SimulatedApi {

  private final PaystackApi api = new PaystackApi();

  @Override
  public String name() {
    return "paystack";
  }

  @Override
  public String defaultCurrency() {
    return "NGN";
  }

  @Override
  public ListOrder nativeListOrder() {
    return ListOrder.NEWEST_FIRST;
  }

  @Override
  public boolean sells() {
    return true;
  }

  @Override
  public OrderKind pickKind(SplittableRandom random) {
    return OrderKind.PRODUCT;
  }

  @Override
  public String newOrderId(int sequence, OrderIds ids) {
    // Apart from the gift cards' numbers, so that two sources of a test never share an id by accident.
    return String.valueOf(ids.numericBase() * 3 + sequence);
  }

  @Override
  public SourceApi api() {
    return api;
  }
}
