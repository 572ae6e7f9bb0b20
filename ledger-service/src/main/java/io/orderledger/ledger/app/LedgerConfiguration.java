package io.orderledger.ledger.app;

import io.orderledger.ledger.topology.LedgerStreamsSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderledger.events.codec.EventSerdes;
import io.orderledger.events.progress.ProgressProbe;
import io.orderledger.events.progress.ProgressTracker;
import io.orderledger.events.progress.ProgressWatch;
import io.orderledger.events.topic.TopicLayout;
import io.orderledger.events.topic.TopicProvisioning;
import io.orderledger.ledger.topology.LedgerTopicNames;
import io.orderledger.ledger.topology.LedgerMetrics;
import io.orderledger.ledger.topology.LedgerTopics;
import io.orderledger.ledger.topology.LedgerTopology;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** Wires the pure topology to configuration, metrics and the application lifecycle. */
@Configuration(proxyBeanMethods = false)
class LedgerConfiguration {

  @Bean
  EventSerdes eventSerdes() {
    return EventSerdes.shipped();
  }

  @Bean
  LedgerTopics ledgerTopics(LedgerProperties properties, EventSerdes serdes) {
    return LedgerTopics.of(properties.topics().names(), serdes);
  }

  @Bean
  LedgerMetrics ledgerMetrics(MeterRegistry registry) {
    return new MicrometerLedgerMetrics(registry);
  }

  @Bean
  Topology ledgerTopology(LedgerTopics topics, EventSerdes serdes, LedgerMetrics metrics, LedgerProperties properties) {
    return LedgerTopology.build(topics, serdes, metrics, properties.seal(), properties.storeOptions());
  }

  @Bean
  LedgerStreams ledgerStreams(Topology topology, KafkaProperties kafka, LedgerProperties properties, MeterRegistry registry) {
    return new LedgerStreams(topology, streamsConfig(kafka), properties.closeTimeout(), registry);
  }

  @Bean
  LedgerStreamsHealthIndicator ledgerStreamsHealthIndicator(LedgerStreams streams, ProgressWatch progress) {
    return new LedgerStreamsHealthIndicator(streams, progress);
  }

  /** Looks at the ledger's inputs and outputs on the cluster every few seconds, for the health above. */
  @Bean(destroyMethod = "close")
  ProgressWatch ledgerProgress(KafkaAdmin kafkaAdmin, KafkaProperties kafka, LedgerProperties properties) {
    LedgerTopicNames names = properties.topics().names();
    Admin admin = Admin.create(kafkaAdmin.getConfigurationProperties());
    ProgressProbe probe = new ProgressProbe(admin, String.valueOf(streamsConfig(kafka).get(StreamsConfig.APPLICATION_ID_CONFIG)),
        List.of(names.orderEvents()), List.of(names.orderViews(), names.walletJournal(), names.rejected(), names.walletDiscrepancies(),
        names.orderOwners(), names.decisions(), names.checkpoints()));
    return new ProgressWatch("ledger", probe, new ProgressTracker(properties.health().stallAfter()), properties.health().sampleEvery(),
        Clock.systemUTC());
  }

  /** Creates missing topics at startup (Spring Kafka's KafkaAdmin does it for NewTopic beans); existing ones are left alone. */
  @Bean
  KafkaAdmin.NewTopics ledgerTopicsToCreate(LedgerProperties properties) {
    LedgerTopicNames names = properties.topics().names();
    return new KafkaAdmin.NewTopics(TopicProvisioning.newTopics(properties.topics().settings(), Map.of(
        names.orderEvents(), TopicLayout.ORDER_EVENTS,
        names.orderViews(), TopicLayout.ORDER_VIEWS,
        names.walletJournal(), TopicLayout.WALLET_JOURNAL,
        names.rejected(), TopicLayout.ORDER_EVENTS_REJECTED,
        names.walletDiscrepancies(), TopicLayout.WALLET_DISCREPANCIES,
        names.orderOwners(), TopicLayout.ORDER_OWNERS,
        names.decisions(), TopicLayout.LEDGER_DECISIONS,
        names.checkpoints(), TopicLayout.LEDGER_CHECKPOINTS)).toArray(NewTopic[]::new));
  }

  /** Boot's spring.kafka.streams.* settings, with the guarantees this service is built on made non-negotiable. */
  static Map<String, Object> streamsConfig(KafkaProperties kafka) {
    Map<String, Object> config = new HashMap<>(kafka.buildStreamsProperties());
    config.putAll(LedgerStreamsSettings.required());
    return config;
  }
}
