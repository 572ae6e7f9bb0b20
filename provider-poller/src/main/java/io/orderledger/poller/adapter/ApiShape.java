package io.orderledger.poller.adapter;

/** The upstream API shapes the poller can read (seeds 000/001, 002, 003, 004). */
public enum ApiShape {
  NETCONNECT, GIFT_CARD, ESIM, PAYSTACK
}
