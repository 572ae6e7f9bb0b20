package io.orderledger.poller.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderledger.events.RejectReason;
import io.orderledger.poller.Seeds;
import io.orderledger.poller.sources.SupportedSource;
import io.orderledger.poller.sources.SupportedSources;
import io.orderledger.poller.source.SourceConfig;
import io.orderledger.poller.source.UpstreamJson;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Each kind of bad value in a source record gets its own reject reason, and the status mappings hold. */
class BadRecordTest {

  private static final String SEED_000 = Seeds.json("netconnect-list-000.json").toString();

  private static RecordMapper mapper(SupportedSource shape) {
    return shape.mapper(new SourceConfig("src", shape, URI.create("http://127.0.0.1:1"), "partner-a", "k", "s", 10,
        Duration.ofMinutes(1)));
  }

  private static void assertReason(RecordMapper mapper, String record, RejectReason reason, String detail) {
    assertThatThrownBy(() -> mapper.map(UpstreamJson.MAPPER.readTree(record), 1L)).isInstanceOfSatisfying(MappingException.class, e -> {
      assertThat(e.reason()).isEqualTo(reason);
      assertThat(e.getMessage()).contains(detail);
    });
  }

  @Test
  void eachKindOfBadOrderHasItsOwnReason() {
    RecordMapper netConnect = mapper(SupportedSources.NETCONNECT);
    assertReason(netConnect, SEED_000.replace("\"_id\":\"kh72y10adpkj8kr1bbrgcgnvcd841w5g\",", ""), RejectReason.UPSTREAM_MISSING_FIELD, "_id");
    assertReason(netConnect, SEED_000.replace("\"processing\"", "\"teleported\""), RejectReason.UPSTREAM_UNKNOWN_STATUS, "'teleported'");
    assertReason(netConnect, SEED_000.replace("4.25", "-4.25"), RejectReason.UPSTREAM_INVALID_AMOUNT, "negative");
    assertReason(netConnect, SEED_000.replace("4.25", "4.255"), RejectReason.UPSTREAM_INVALID_AMOUNT, "more decimals");
    assertReason(netConnect, SEED_000.replace("\"GHS\"", "\"XYZ1\""), RejectReason.INVALID_CURRENCY, "XYZ1");
    assertReason(netConnect, SEED_000.replace("1775046434454,", "\"yesterday\","), RejectReason.UPSTREAM_MALFORMED_PAYLOAD, "createdAt");
    assertReason(mapper(SupportedSources.PAYSTACK), "{\"id\":1,\"amount\":200.5,\"currency\":\"NGN\",\"status\":\"success\",\"createdAt\":\"2024-11-01T12:00:00Z\"}",
        RejectReason.UPSTREAM_INVALID_AMOUNT, "integer");
    assertReason(mapper(SupportedSources.GIFT_CARD), Seeds.json("giftcard-list-002.json").get(0).toString().replace("delivered", "lost_in_post"),
        RejectReason.UPSTREAM_UNKNOWN_STATUS, "'lost_in_post'");
  }
}
