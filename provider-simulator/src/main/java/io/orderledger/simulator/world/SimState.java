package io.orderledger.simulator.world;

/** The canonical lifecycle the simulator moves orders through; each API shape renders it in its own words. */
public enum SimState {
  PENDING, PROCESSING, COMPLETED, FAILED, REVERSED;

  public boolean isOpen() {
    return this == PENDING || this == PROCESSING;
  }

  public String lower() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
