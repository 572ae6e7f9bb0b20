package io.orderledger.poller.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.orderledger.events.codec.EventSerdes;
import io.orderledger.events.topic.TopicLayout;
import io.orderledger.poller.adapter.SourceAdapters;
import io.orderledger.poller.adapter.SourceConfig;
import io.orderledger.poller.http.UpstreamHttp;
import io.orderledger.poller.ingest.PollerMetrics;
import io.orderledger.poller.ingest.SourcePoller;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** Wires each configured source to its adapter, its resilient HTTP client and its transactional poller. */
@Configuration(proxyBeanMethods = false)
class PollerConfiguration {

  private static final Logger log = LoggerFactory.getLogger(PollerConfiguration.class);

  @Bean
  PollerMetrics pollerMetrics(MeterRegistry registry) {
    return new MicrometerPollerMetrics(registry);
  }

  @Bean
  PollerRunner pollerRunner(PollerProperties properties, KafkaProperties kafka, PollerMetrics metrics, MeterRegistry registry) {
    Map<String, Object> kafkaConfig = new HashMap<>(kafka.buildProducerProperties());
    kafkaConfig.keySet().removeIf(key -> key.contains("serializer"));
    RetryRegistry retries = RetryRegistry.ofDefaults();
    CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
    TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(registry);
    TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(registry);
    List<SourcePoller> pollers = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (PollerProperties.Source configured : properties.sources()) {
      SourceConfig source = configured.config();
      if (!ids.add(source.id())) {
        throw new IllegalArgumentException("two sources with the id " + source.id() + ": ids name checkpoints and must be unique");
      }
      UpstreamHttp http = new UpstreamHttp(source.id(), properties.http().settings(),
          failure -> metrics.httpFailure(source.id(), failure.kind()), retries, breakers);
      pollers.add(new SourcePoller(SourceAdapters.forSource(source, http, System::currentTimeMillis), kafkaConfig,
          properties.transactionalIdPrefix(),
          new SourcePoller.Topics(properties.topics().orderEvents(), properties.topics().rejected(), properties.topics().checkpoints()),
          EventSerdes.shipped(), metrics, properties.interval(), System::currentTimeMillis));
      log.info("source {}: {} at {} for partner {}", source.id(), source.shape(), source.baseUrl(), source.partnerId());
    }
    if (pollers.isEmpty()) {
      log.warn("no sources configured (poller.sources[n].*): the poller has nothing to do");
    }
    return new PollerRunner(pollers);
  }

  @Bean
  PollerHealthIndicator pollerHealthIndicator(PollerRunner runner) {
    return new PollerHealthIndicator(runner);
  }

  /** Creates missing topics at startup; existing ones are left as they are. */
  @Bean
  KafkaAdmin.NewTopics pollerTopics(PollerProperties properties) {
    PollerProperties.Topics topics = properties.topics();
    if (!topics.create()) {
      return new KafkaAdmin.NewTopics();
    }
    return new KafkaAdmin.NewTopics(
        topic(topics, topics.orderEvents(), TopicLayout.ORDER_EVENTS),
        topic(topics, topics.rejected(), TopicLayout.ORDER_EVENTS_REJECTED),
        topic(topics, topics.checkpoints(), TopicLayout.POLLER_CHECKPOINTS));
  }

  private static NewTopic topic(PollerProperties.Topics topics, String name, TopicLayout layout) {
    return layout.newTopic(name, topics.partitions(), topics.replicationFactor(), topics.minInsyncReplicas());
  }
}
