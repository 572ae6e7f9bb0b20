package io.orderledger.simulator.world;

/** One recipient of a bulk order: its own amount and state. */
public final class SimRecipient {
  final String msisdn;
  final long amountMinor;
  SimState state = SimState.PENDING;
  Long completedAt;

  SimRecipient(String msisdn, long amountMinor) {
    this.msisdn = msisdn;
    this.amountMinor = amountMinor;
  }

  public String msisdn() {
    return msisdn;
  }

  public long amountMinor() {
    return amountMinor;
  }

  public SimState state() {
    return state;
  }

  public Long completedAt() {
    return completedAt;
  }
}
