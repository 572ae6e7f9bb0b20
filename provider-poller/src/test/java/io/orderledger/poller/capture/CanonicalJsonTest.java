package io.orderledger.poller.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderledger.poller.source.UpstreamJson;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

  private static String canonical(String json) {
    return CanonicalJson.of(UpstreamJson.MAPPER.readTree(json));
  }

  @Test
  void sortsMembersDropsWhitespaceAndKeepsTheSourcesDigits() {
    assertThat(canonical("{ \"b\": 246.10, \"a\": [1, 1775046434454.9124, true, null], \"c\": {\"z\":1,\"y\":\"x\"} }"))
        .isEqualTo("{\"a\":[1,1775046434454.9124,true,null],\"b\":246.10,\"c\":{\"y\":\"x\",\"z\":1}}");
  }

  @Test
  void escapesStringsAsRfc8785Does() {
    assertThat(canonical("{\"s\":\"tab\\t quote\\\" slash/ \\u0001 é €\"}")).isEqualTo("{\"s\":\"tab\\t quote\\\" slash/ \\u0001 é €\"}");
  }

  @Test
  void theSameRecordWithMembersInAnotherOrderIsTheSameText() {
    assertThat(canonical("{\"id\":1,\"status\":\"success\"}")).isEqualTo(canonical("{\"status\":\"success\",\"id\":1}"));
  }

  @Test
  void largeAndExponentNumbersAreWrittenPlainly() {
    assertThat(canonical("[12345678901234567890123, 1.5e3, 0.000001]")).isEqualTo("[12345678901234567890123,1500,0.000001]");
  }
}
