package io.orderledger.simulator.world;

import java.util.List;

/**
 * One change the simulator made to one order (its creation included): the ground truth a test compares the
 * poller's events with. {@code recipientStates} is one letter per bulk recipient (P, R, C, F), "" for single orders.
 *
 * @param what what changed, in the simulator's words: {@code created}, {@code state}, {@code recipients},
 *     {@code providerRef}, {@code errorMessage}, {@code amount}, {@code delivery} (a gift card partially delivered,
 *     then fully), {@code statusMessage} (an eSIM's)
 */
public record Change(String sourceId, String partnerId, String orderId, SimState state, String recipientStates, long at,
                     List<String> what) {

  public Change {
    what = List.copyOf(what);
  }
}
