package io.orderledger.audit.cli;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A time as the API takes it: unix epoch milliseconds or RFC 3339 ({@code 2026-11-29T10:00:00Z}). */
final class TimeConverter implements ITypeConverter<Instant> {

  @Override
  public Instant convert(String value) {
    if (value.chars().allMatch(Character::isDigit)) {
      return Instant.ofEpochMilli(Long.parseLong(value));
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new TypeConversionException("not a time (epoch milliseconds or RFC 3339 such as 2026-11-29T10:00:00Z): " + value);
    }
  }
}
