package io.orderledger.events.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class TopicLayoutTest {

  @Test
  void aSingleBrokerTopicCarriesOnlyItsLayout() {
    NewTopic topic = TopicProvisioning.newTopics(new TopicSettings(true, 12, (short) 1, 1),
        Map.of("poller-checkpoints", TopicLayout.POLLER_CHECKPOINTS)).get(0);

    assertThat(topic.numPartitions()).isEqualTo(12);
    assertThat(topic.replicationFactor()).isEqualTo((short) 1);
    assertThat(topic.configs()).isEqualTo(TopicLayout.POLLER_CHECKPOINTS.configs());
  }

  @Test
  void aReplicatedTopicAlsoGetsItsMinimumInSyncReplicas() {
    NewTopic topic = TopicProvisioning.newTopics(new TopicSettings(true, 12, (short) 3, 2),
        Map.of("order-events", TopicLayout.ORDER_EVENTS)).get(0);

    assertThat(topic.configs()).containsEntry("min.insync.replicas", "2").containsEntry("retention.ms", "-1");
  }

  @Test
  void theOwnersOfOrderIdsAreOnePartitionWhateverTheDeploymentsCount() {
    // Read whole as a global store, one partition after another at every ledger start: one partition, one fetch.
    NewTopic owners = TopicProvisioning.newTopics(new TopicSettings(true, 12, (short) 3, 2),
        Map.of("order-owners", TopicLayout.ORDER_OWNERS)).get(0);

    assertThat(owners.numPartitions()).isEqualTo(1);
    assertThat(owners.configs()).containsEntry("cleanup.policy", "compact").containsEntry("min.insync.replicas", "2");
  }

  @Test
  void nothingIsCreatedWhenCreationIsOff() {
    assertThat(TopicProvisioning.newTopics(new TopicSettings(false, 12, (short) 1, 1), Map.of("order-events", TopicLayout.ORDER_EVENTS)))
        .isEmpty();
  }
}
