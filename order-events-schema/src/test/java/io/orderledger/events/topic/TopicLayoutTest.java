package io.orderledger.events.topic;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class TopicLayoutTest {

  @Test
  void aSingleBrokerTopicCarriesOnlyItsLayout() {
    NewTopic topic = TopicLayout.POLLER_CHECKPOINTS.newTopic("poller-checkpoints", 12, (short) 1, 1);

    assertThat(topic.numPartitions()).isEqualTo(12);
    assertThat(topic.replicationFactor()).isEqualTo((short) 1);
    assertThat(topic.configs()).isEqualTo(TopicLayout.POLLER_CHECKPOINTS.configs());
  }

  @Test
  void aReplicatedTopicAlsoGetsItsMinimumInSyncReplicas() {
    NewTopic topic = TopicLayout.ORDER_EVENTS.newTopic("order-events", 12, (short) 3, 2);

    assertThat(topic.configs()).containsEntry("min.insync.replicas", "2").containsEntry("retention.ms", "-1");
  }
}
