package io.orderledger.simulator.world;

/**
 * The order in which a source's listing returns orders. The seeds never say; a poller must read either correctly, so
 * each simulated source can serve either.
 */
public enum ListOrder {
  NEWEST_FIRST, OLDEST_FIRST
}
