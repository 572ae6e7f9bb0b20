package io.orderledger.poller.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderledger.poller.source.UpstreamJson;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonDigestTest {

  private static long digest(String json) {
    return JsonDigest.of(UpstreamJson.MAPPER.readTree(json));
  }

  @Test
  void givenTheSameEntryTwiceExpectTheSameDigest() {
    String entry = "{\"_id\":\"o1\",\"amount\":246.10,\"createdAt\":1775046434454,\"paid\":true,\"ref\":null,\"items\":[{\"q\":2}]}";

    assertThat(digest(entry)).isEqualTo(digest(entry));
  }

  @Test
  void givenAnyChangeTheSourceCouldMakeExpectADifferentDigest() {
    List<String> variants = List.of(
        "{\"_id\":\"o1\",\"amount\":246.10,\"createdAt\":1775046434454,\"paid\":true,\"ref\":null,\"items\":[{\"q\":2}]}",
        "{\"_id\":\"o2\",\"amount\":246.10,\"createdAt\":1775046434454,\"paid\":true,\"ref\":null,\"items\":[{\"q\":2}]}",
        "{\"_id\":\"o1\",\"amount\":246.1,\"createdAt\":1775046434454,\"paid\":true,\"ref\":null,\"items\":[{\"q\":2}]}",
        "{\"_id\":\"o1\",\"amount\":246.11,\"createdAt\":1775046434454,\"paid\":true,\"ref\":null,\"items\":[{\"q\":2}]}",
        "{\"_id\":\"o1\",\"amount\":246.10,\"createdAt\":1775046434455,\"paid\":true,\"ref\":null,\"items\":[{\"q\":2}]}",
        "{\"_id\":\"o1\",\"amount\":246.10,\"createdAt\":1775046434454,\"paid\":false,\"ref\":null,\"items\":[{\"q\":2}]}",
        "{\"_id\":\"o1\",\"amount\":246.10,\"createdAt\":1775046434454,\"paid\":true,\"ref\":\"\",\"items\":[{\"q\":2}]}",
        "{\"_id\":\"o1\",\"amount\":246.10,\"createdAt\":1775046434454,\"paid\":true,\"items\":[{\"q\":2}]}",
        "{\"_id\":\"o1\",\"amount\":246.10,\"createdAt\":1775046434454,\"paid\":true,\"ref\":null,\"items\":[{\"q\":3}]}",
        "{\"_id\":\"o1\",\"amount\":246.10,\"createdAt\":1775046434454,\"paid\":true,\"ref\":null,\"items\":[{\"q\":2},{\"q\":2}]}",
        "{\"_id\":\"o1\",\"amount\":246.10,\"createdAt\":1775046434454,\"paid\":true,\"ref\":null,\"items\":[{\"q\":\"2\"}]}",
        "{\"_id\":\"o1\",\"amount\":246.10,\"createdAt\":1775046434454,\"paid\":true,\"ref\":null,\"items\":[{\"q\":2.0}]}",
        "{\"_id\":\"o1\",\"amount\":246.10,\"createdAt\":123456789012345678901234567890,\"paid\":true,\"ref\":null,\"items\":[]}",
        "{\"_id\":\"o1\",\"amount\":246.10,\"createdAt\":123456789012345678901234567891,\"paid\":true,\"ref\":null,\"items\":[]}",
        "{\"_id\":\"o1\",\"amount\":0.123456789012345678901234567890,\"createdAt\":1,\"paid\":true,\"ref\":null,\"items\":[]}",
        "{\"_id\":\"o1\",\"amount\":0.123456789012345678901234567891,\"createdAt\":1,\"paid\":true,\"ref\":null,\"items\":[]}",
        "{\"_id\":\"o1\",\"note\":\"ab\",\"x\":\"c\"}",
        "{\"_id\":\"o1\",\"note\":\"a\",\"x\":\"bc\"}",
        "{\"_id\":\"o1\",\"note\":\"\\u00e9\"}",
        "{\"_id\":\"o1\",\"note\":\"\\u00e8\"}");
    Set<Long> digests = new HashSet<>();
    variants.forEach(json -> digests.add(digest(json)));

    assertThat(digests).hasSameSizeAs(variants);
  }
}
