package io.orderledger.poller.mapping;

import io.orderledger.events.RejectReason;

/** An upstream order (or page) that cannot be mapped, with the reject reason it earns. */
public final class MappingException extends RuntimeException {

  private final RejectReason reason;

  public MappingException(RejectReason reason, String detail) {
    super(detail);
    this.reason = reason;
  }

  public RejectReason reason() {
    return reason;
  }
}
