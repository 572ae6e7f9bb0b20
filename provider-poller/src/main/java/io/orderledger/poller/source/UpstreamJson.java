package io.orderledger.poller.source;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * How upstream JSON is read: every decimal as the exact {@code BigDecimal} the source wrote, trailing zeros kept
 * ({@code 246.10} stays 246.10, {@code 1775046434454.9124} keeps every digit), so money converts exactly and the
 * source record can be kept with the source's own digits.
 */
public final class UpstreamJson {

  public static final JsonMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
      .build();

  private UpstreamJson() {
  }
}
