package io.orderledger.testing.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** A running, real Kafka broker that a test can reach. */
public interface KafkaBroker {

  String bootstrapServers();

  /** How this broker runs, for the test log: proof that a test talked to a real broker, and which kind. */
  String description();

  default Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
  }

  /** Creates topics with the given partition count (replication 1); topics that exist are left as they are. */
  default void createTopics(int partitions, String... names) {
    createTopics(partitions, Map.of(), names);
  }

  default void createTopics(int partitions, Map<String, String> configs, String... names) {
    try (Admin admin = admin()) {
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> topics = new ArrayList<>();
      for (String name : names) {
        if (!existing.contains(name)) {
          topics.add(new NewTopic(name, partitions, (short) 1).configs(configs));
        }
      }
      try {
        admin.createTopics(topics).all().get();
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
      awaitLeaders(admin, List.of(names));
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot create topics", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    }
  }

  /**
   * Waits until every partition of these topics, made by someone else (a service's own topic set-up), has a leader:
   * see {@link #awaitLeaders(Admin, List)}. Call it before writing to a topic that a service just created.
   */
  default void awaitLeaders(String... names) {
    try (Admin admin = admin()) {
      awaitLeaders(admin, List.of(names));
    }
  }

  /**
   * Waits until every partition of the topics has a leader that the metadata names. A producer that writes to a topic
   * created a moment ago can otherwise meet NOT_LEADER_OR_FOLLOWER, and its idempotent retries then fail with
   * OutOfOrderSequenceException: records a test relied on would be lost.
   */
  private static void awaitLeaders(Admin admin, List<String> names) {
    org.awaitility.Awaitility.await("leaders of " + names).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
        // Created, but not yet in the metadata the broker answers with: UnknownTopicOrPartition for a moment.
        .ignoreExceptionsMatching(e -> e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)
        .until(() -> admin.describeTopics(names).allTopicNames().get().values().stream()
            .allMatch(topic -> topic.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())));
  }

  /** Time a test may reasonably wait for the broker to do something asynchronous. */
  default Duration patience() {
    return Duration.ofSeconds(60);
  }
}
