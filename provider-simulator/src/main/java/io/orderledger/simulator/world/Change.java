package io.orderledger.simulator.world;

/**
 * One change the simulator made to one order (its creation included): the ground truth a test compares the
 * poller's events with. {@code recipientStates} is one letter per bulk recipient (P, R, C, F), "" for single orders.
 */
public record Change(String sourceId, String partnerId, String orderId, SimState state, String recipientStates, long at) {
}
