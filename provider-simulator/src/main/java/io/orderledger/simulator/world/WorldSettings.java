package io.orderledger.simulator.world;

/**
 * How a simulated world behaves.
 *
 * @param seed            the same seed and the same calls give the same orders, ids and changes
 * @param ordersPerStep   new orders per source per step
 * @param stepMillis      how far the source clock moves per step in stepped mode (ignored on the wall clock)
 * @param settleMillis    every order reaches its final state, reversal included, within this long of its creation.
 *                        Pollers rely on it (their settle window must be at least this) to stop watching old orders.
 */
public record WorldSettings(long seed, int ordersPerStep, long stepMillis, long settleMillis) {

  public static WorldSettings stepped(long seed, int ordersPerStep) {
    return new WorldSettings(seed, ordersPerStep, 1_000, 6_000);
  }

  public WorldSettings {
    if (ordersPerStep < 0 || stepMillis <= 0 || settleMillis < 4 * stepMillis) {
      throw new IllegalArgumentException("need ordersPerStep >= 0, stepMillis > 0 and settleMillis >= 4 steps");
    }
  }
}
