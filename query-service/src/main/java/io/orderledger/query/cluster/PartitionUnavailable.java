package io.orderledger.query.cluster;

/** No copy of a partner's data can answer right now (starting, restoring, moving): the client should retry shortly. */
public final class PartitionUnavailable extends RuntimeException {

  public PartitionUnavailable(String reason) {
    super(reason, null, false, false);
  }
}
