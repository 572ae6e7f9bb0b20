package io.orderledger.events.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class OrderKeyTest {

  @Test
  void roundTripsThroughItsSerdeEvenWhenTheOrderIdHasSlashes() {
    OrderKey key = new OrderKey("partner-a", "gift/12345");
    var serde = OrderKey.serde();

    assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", key))).isEqualTo(key);
    assertThat(key.asText()).isEqualTo("partner-a/gift/12345");
  }

  @Test
  void aPartnersViewsLandOnThePartitionItsEventsUse() {
    for (String partner : new String[] {"partner-a", "partner-b", "p-17", "x"}) {
      int ofEvents = BuiltInPartitioner.partitionForKey(partner.getBytes(StandardCharsets.UTF_8), 12);

      assertThat(new OrderKey(partner, "any").partition(12)).isEqualTo(ofEvents);
    }
  }

  @Test
  void refusesPartnerIdsThatCouldBreakTheKey() {
    assertThatThrownBy(() -> new OrderKey("a/b", "o")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new OrderKey("", "o")).isInstanceOf(IllegalArgumentException.class);
    assertThat(PartnerId.isValid("partner_1.eu-west")).isTrue();
  }
}
