package io.orderledger.events.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/**
 * Money on the wire is a {@code long} count of a currency's minor units (pesewas for GHS, kobo for NGN, cents for USD).
 * The exponent comes from ISO 4217, so 4.25 GHS is 425 and 500 JPY is 500.
 */
public final class MinorUnits {

  private MinorUnits() {
  }

  /** ISO 4217 exponent, for example 2 for GHS. */
  public static int exponent(String currencyCode) {
    int digits = currency(currencyCode).getDefaultFractionDigits();
    // Pseudo-currencies (XAU, XXX) have no exponent; they are not money this ledger can hold.
    if (digits < 0) {
      throw new IllegalArgumentException("currency " + currencyCode + " has no minor unit");
    }
    return digits;
  }

  public static boolean isKnownCurrency(String currencyCode) {
    try {
      return currencyCode != null && currency(currencyCode).getDefaultFractionDigits() >= 0;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** 425 GHS-minor becomes 4.25, always with the currency's scale (4.20, never 4.2). */
  public static BigDecimal toDecimal(long minor, String currencyCode) {
    return BigDecimal.valueOf(minor, exponent(currencyCode));
  }

  /**
   * 4.25 GHS becomes 425.
   *
   * @throws ArithmeticException when the amount has more decimals than the currency allows (4.255 GHS) or does not fit a long
   */
  public static long fromDecimal(BigDecimal amount, String currencyCode) {
    return amount.setScale(exponent(currencyCode), RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
  }

  private static Currency currency(String code) {
    return Currency.getInstance(code);
  }
}
