package io.orderledger.events.topic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The topics a service creates at startup when they are missing, each with its {@link TopicLayout}: the one place
 * that turns names, layouts and {@link TopicSettings} into {@link NewTopic}s, so a topic looks the same whichever
 * service created it first.
 */
public final class TopicProvisioning {

  private TopicProvisioning() {
  }

  /** @param topics topic name → its layout; empty when {@code settings.create()} is off */
  public static List<NewTopic> newTopics(TopicSettings settings, Map<String, TopicLayout> topics) {
    List<NewTopic> created = new ArrayList<>();
    if (settings.create()) {
      topics.forEach((name, layout) -> created.add(layout.newTopic(name, settings.partitions(), settings.replicationFactor(),
          settings.minInsyncReplicas())));
    }
    return created;
  }
}
