package io.orderledger.events.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MinorUnitsTest {

  @Test
  void convertsCedisToPesewasExactly() {
    assertThat(MinorUnits.fromDecimal(new BigDecimal("4.25"), "GHS")).isEqualTo(425L);
    assertThat(MinorUnits.fromDecimal(new BigDecimal("246.1"), "GHS")).isEqualTo(24610L);
    assertThat(MinorUnits.toDecimal(24610L, "GHS")).isEqualByComparingTo("246.10").hasToString("246.10");
  }

  @Test
  void usesTheCurrencysOwnExponent() {
    assertThat(MinorUnits.fromDecimal(new BigDecimal("500"), "JPY")).isEqualTo(500L);
    assertThat(MinorUnits.toDecimal(1234L, "KWD")).hasToString("1.234");
  }

  @Test
  void refusesMoreDecimalsThanTheCurrencyHas() {
    assertThatThrownBy(() -> MinorUnits.fromDecimal(new BigDecimal("4.255"), "GHS")).isInstanceOf(ArithmeticException.class);
  }

  @Test
  void knowsWhichCurrenciesAreMoney() {
    assertThat(MinorUnits.isKnownCurrency("GHS")).isTrue();
    assertThat(MinorUnits.isKnownCurrency("XAU")).isFalse();
    assertThat(MinorUnits.isKnownCurrency("NOPE")).isFalse();
    assertThat(MinorUnits.isKnownCurrency(null)).isFalse();
  }
}
