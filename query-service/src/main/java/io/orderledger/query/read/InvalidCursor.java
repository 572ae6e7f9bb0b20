package io.orderledger.query.read;

/** A client's continue cursor that this service did not issue for this partner, endpoint and filters: a 400, never a 500. */
public final class InvalidCursor extends RuntimeException {

  public InvalidCursor(String message) {
    super(message, null, false, false);
  }
}
