package io.orderledger.poller.source;

/**
 * What an integer amount of a source counts, where its API does not say. Seed 003 (the eSIM provider) types
 * {@code total}, {@code subTotal} and {@code pricePerUnit} as "integer" and says no more; minor units is the default
 * because an integer API for USD prices of a few dollars per bundle only makes sense in cents, but it is a reading, not
 * something the seed states, so a source whose integers are whole units sets {@code amount-unit: major}.
 */
public enum AmountUnit {
  /** 1900 USD means 19.00 USD. */
  MINOR,
  /** 19 USD means 19.00 USD: the integer is multiplied by the currency's minor units (ISO 4217). */
  MAJOR
}
