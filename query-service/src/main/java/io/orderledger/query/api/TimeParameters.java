package io.orderledger.query.api;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.util.regex.Pattern;

/**
 * Time parameters ({@code asOf}, {@code from}, {@code to}, {@code createdFrom}, {@code createdTo}): Unix epoch
 * milliseconds or an RFC 3339 time with its offset. A time that does not parse, or lies in the future beyond a small
 * clock skew, is {@code 400 INVALID_TIME}; a period that ends before it starts is {@code 400 INVALID_RANGE}.
 */
final class TimeParameters {

  /** How far ahead of this server's clock a client's "now" may be. */
  static final long ALLOWED_SKEW_MILLIS = 5 * 60_000L;

  /** Compiled once: {@code String.matches} compiled it again for every time of every request. */
  private static final Pattern EPOCH_MILLIS = Pattern.compile("-?\\d{1,19}");

  private TimeParameters() {
  }

  /** @return the time in epoch ms, or null when the parameter is absent */
  static Long parse(String name, String value, long now) {
    if (value == null) {
      return null;
    }
    String text = value.trim();
    long millis;
    try {
      millis = EPOCH_MILLIS.matcher(text).matches() ? Long.parseLong(text) : OffsetDateTime.parse(text).toInstant().toEpochMilli();
    } catch (NumberFormatException | DateTimeException | ArithmeticException e) {
      throw new ApiException(ApiError.INVALID_TIME, name + " must be Unix epoch milliseconds or an RFC 3339 time such as "
          + "2026-11-29T12:00:00Z");
    }
    if (millis < 0) {
      throw new ApiException(ApiError.INVALID_TIME, name + " is before 1970");
    }
    if (millis > now + ALLOWED_SKEW_MILLIS) {
      throw new ApiException(ApiError.INVALID_TIME, name + " is in the future");
    }
    return millis;
  }

  /** Both ends parsed, and in order. */
  static Long[] range(String fromName, String from, String toName, String to, long now) {
    Long start = parse(fromName, from, now);
    Long end = parse(toName, to, now);
    if (start != null && end != null && start > end) {
      throw new ApiException(ApiError.INVALID_RANGE, fromName + " is after " + toName);
    }
    return new Long[] {start, end};
  }
}
