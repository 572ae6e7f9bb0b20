package io.orderledger.query.model;

import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders API records to JSON bytes. Money and times are {@code BigDecimal}s written as plain numbers (246.10,
 * 1775046434454.9124): no exponent, no rounding, no binary float on the way.
 */
public final class JsonRenderer {

  private static final JsonMapper MAPPER = JsonMapper.builder()
      .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
      .build();

  private JsonRenderer() {
  }

  public static byte[] render(Object value) {
    return MAPPER.writeValueAsBytes(value);
  }

  /** A string as a JSON string literal, quotes and escapes included. */
  public static String renderText(String text) {
    return MAPPER.writeValueAsString(text);
  }

  public static JsonMapper mapper() {
    return MAPPER;
  }
}
