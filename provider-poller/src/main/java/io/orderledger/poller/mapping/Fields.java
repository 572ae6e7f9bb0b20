package io.orderledger.poller.mapping;

import io.orderledger.events.RejectReason;
import io.orderledger.events.money.MinorUnits;
import java.math.BigDecimal;
import io.orderledger.poller.source.Rfc3339;
import java.time.DateTimeException;
import tools.jackson.databind.JsonNode;

/** Reads fields of an upstream JSON object, turning every kind of bad value into a {@link MappingException}. */
public final class Fields {

  private Fields() {
  }

  public static JsonNode required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new MappingException(RejectReason.UPSTREAM_MISSING_FIELD, "required field '" + field + "' is missing");
    }
    return value;
  }

  public static String text(JsonNode node, String field) {
    JsonNode value = required(node, field);
    if (!value.isValueNode()) {
      throw new MappingException(RejectReason.UPSTREAM_MALFORMED_PAYLOAD, "field '" + field + "' is not a value");
    }
    String text = value.asString();
    if (text.isBlank()) {
      throw new MappingException(RejectReason.UPSTREAM_MISSING_FIELD, "required field '" + field + "' is empty");
    }
    return text;
  }

  public static String optionalText(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() || !value.isValueNode() ? null : value.asString();
  }

  /** The field as text, or {@code fallback} when it is absent, null or not a value. */
  public static String textOr(JsonNode node, String field, String fallback) {
    String text = optionalText(node, field);
    return text == null ? fallback : text;
  }

  public static long epochMillis(JsonNode node, String field) {
    JsonNode value = required(node, field);
    if (!value.isNumber()) {
      throw new MappingException(RejectReason.UPSTREAM_MALFORMED_PAYLOAD, "field '" + field + "' is not a number of milliseconds");
    }
    return value.asLong();
  }

  public static Long optionalEpochMillis(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() || !value.isNumber() ? null : value.asLong();
  }

  public static long rfc3339(JsonNode node, String field) {
    String text = text(node, field);
    try {
      return Rfc3339.toEpochMilli(text);
    } catch (DateTimeException e) {
      throw new MappingException(RejectReason.UPSTREAM_MALFORMED_PAYLOAD, "field '" + field + "' is not an RFC 3339 time: " + text);
    }
  }

  public static String currency(JsonNode node, String field) {
    String code = text(node, field);
    if (!MinorUnits.isKnownCurrency(code)) {
      throw new MappingException(RejectReason.INVALID_CURRENCY, "'" + code + "' is not an ISO 4217 currency");
    }
    return code;
  }

  /** A decimal amount (a JSON number or a string such as "25.00") in minor units of the currency, exact and not negative. */
  public static long decimalAmount(JsonNode node, String field, String currency) {
    JsonNode value = required(node, field);
    BigDecimal amount;
    try {
      amount = value.isNumber() ? value.decimalValue() : new BigDecimal(value.asString().trim());
    } catch (NumberFormatException e) {
      throw new MappingException(RejectReason.UPSTREAM_INVALID_AMOUNT, "field '" + field + "' is not a number: " + value);
    }
    if (amount.signum() < 0) {
      throw new MappingException(RejectReason.UPSTREAM_INVALID_AMOUNT, "field '" + field + "' is negative: " + amount.toPlainString());
    }
    try {
      return MinorUnits.fromDecimal(amount, currency);
    } catch (ArithmeticException e) {
      throw new MappingException(RejectReason.UPSTREAM_INVALID_AMOUNT,
          "field '" + field + "' = " + amount.toPlainString() + " has more decimals than " + currency + " allows");
    }
  }

  /** An integer amount already in minor units (Paystack, eSIM totals), not negative. */
  public static long minorAmount(JsonNode node, String field) {
    JsonNode value = required(node, field);
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw new MappingException(RejectReason.UPSTREAM_INVALID_AMOUNT, "field '" + field + "' is not an integer amount: " + value);
    }
    long amount = value.asLong();
    if (amount < 0) {
      throw new MappingException(RejectReason.UPSTREAM_INVALID_AMOUNT, "field '" + field + "' is negative: " + amount);
    }
    return amount;
  }
}
