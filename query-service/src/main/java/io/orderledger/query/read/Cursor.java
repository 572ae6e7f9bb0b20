package io.orderledger.query.read;

/**
 * Where a walk through pages stands: whose it is, for which endpoint and filters ({@code filterSignature}: a cursor
 * of one endpoint is refused by another), when it began, and the position of the last item it returned (null before
 * the first).
 */
public record Cursor(String partnerId, String filterSignature, long walkStartedAt, byte[] position) {
}
