package io.orderledger.poller.source;

/**
 * When to read a source's single-order endpoint (NetConnect {@code GET /api/v1/orders/{id}}, Paystack Fetch Order)
 * for what its list leaves out. Only for a new order or one whose list entry changed, so never more than once per
 * observed change.
 */
public enum DetailFetch {
  /** When the list entry lacks fields the single order has (NetConnect's providerRef and payment fields, Paystack's line items). */
  AUTO,
  /** For every new or changed order. */
  ALWAYS,
  /** Never: the list is all there is. */
  NEVER
}
