package io.orderledger.query.read;

/**
 * Where a list walk stands: whose it is, for which filters, when it began, and the position of the last order it
 * returned (null before the first).
 */
public record Cursor(String partnerId, String filterSignature, long walkStartedAt, byte[] position) {
}
