package io.orderledger.poller.http;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Parses {@code Retry-After}: delay-seconds or an HTTP-date (RFC 9110, section 10.2.3). */
public final class RetryAfter {

  private RetryAfter() {
  }

  /** Milliseconds to wait, 0 for a date in the past, or -1 when absent or unreadable (the normal backoff applies). */
  public static long millis(String value) {
    if (value == null || value.isBlank()) {
      return -1;
    }
    String trimmed = value.trim();
    try {
      long seconds = Long.parseLong(trimmed);
      return seconds < 0 ? -1 : Math.multiplyExact(seconds, 1000L);
    } catch (NumberFormatException | ArithmeticException e) {
      try {
        Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        return Math.max(0, at.toEpochMilli() - System.currentTimeMillis());
      } catch (DateTimeParseException notADate) {
        return -1;
      }
    }
  }
}
