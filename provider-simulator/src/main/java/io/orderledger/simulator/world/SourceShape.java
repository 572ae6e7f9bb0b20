package io.orderledger.simulator.world;

/** The four upstream API shapes the simulator serves and the poller reads (seeds 000/001, 002, 003, 004). */
public enum SourceShape {
  /** NetConnect partner API: X-API-KEY, newest-first cursor paging, GET by id (seeds 000, 001). */
  NETCONNECT,
  /** Gift-card reseller: X-API-Key + X-API-Secret, page/limit with X-Total-* headers (seed 002). */
  GIFT_CARD,
  /** eSIM provider: page/limit, createdAt=gte:/lte: windows, RFC 3339 times (seed 003). */
  ESIM,
  /** Paystack orders: Bearer token, perPage/page, from/to, a meta block, minor-unit amounts (seed 004). */
  PAYSTACK
}
