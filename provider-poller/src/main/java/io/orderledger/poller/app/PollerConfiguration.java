package io.orderledger.poller.app;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderledger.events.codec.EventSerdes;
import io.orderledger.events.topic.TopicLayout;
import io.orderledger.events.topic.TopicProvisioning;
import io.orderledger.poller.http.UpstreamHttp;
import io.orderledger.poller.ingest.KafkaCycleWriter;
import io.orderledger.poller.ingest.PollerMetrics;
import io.orderledger.poller.ingest.PollerTopics;
import io.orderledger.poller.ingest.SourcePoller;
import io.orderledger.poller.source.SourceConfig;
import io.orderledger.poller.sources.SupportedSource;
import io.orderledger.poller.sources.SupportedSources;
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

/** Wires each configured source to its paging, its mapper, its resilient HTTP client and its transactional writer. */
@Configuration(proxyBeanMethods = false)
class PollerConfiguration {

  private static final Logger log = LoggerFactory.getLogger(PollerConfiguration.class);

  @Bean
  PollerMetrics pollerMetrics(MeterRegistry registry) {
    return new MicrometerPollerMetrics(registry);
  }

  @Bean
  PollerTopics pollerTopics(PollerProperties properties) {
    PollerProperties.Topics topics = properties.topics();
    return PollerTopics.of(topics.orderEvents(), topics.rejected(), topics.checkpoints(), EventSerdes.shipped());
  }

  @Bean
  PollerRunner pollerRunner(PollerProperties properties, PollerTopics topics, KafkaProperties kafka, PollerMetrics metrics,
                            MeterRegistry registry) {
    Map<String, Object> kafkaConfig = new HashMap<>(kafka.buildProducerProperties());
    kafkaConfig.keySet().removeIf(key -> key.contains("serializer"));
    RetryRegistry retries = RetryRegistry.ofDefaults();
    CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
    TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(registry);
    TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(registry);
    List<SourcePoller> pollers = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (PollerProperties.Source configured : properties.sources()) {
      SourceConfig source = configured.config(properties.redactionKey());
      if (!ids.add(source.id())) {
        throw new IllegalArgumentException("two sources with the id " + source.id() + ": ids name checkpoints and must be unique");
      }
      UpstreamHttp http = new UpstreamHttp(source.id(), properties.http().settings(configured.maxRequestsPerSecond()),
          failure -> metrics.httpFailure(source.id(), failure.kind()), retries, breakers);
      String transactionalId = properties.transactionalIdPrefix() + "-" + source.id();
      SupportedSource api = SupportedSources.of(source);
      pollers.add(new SourcePoller(source, api.paging(source, http), api.mapper(source),
          () -> new KafkaCycleWriter(kafkaConfig, transactionalId, topics, source),
          metrics, properties.interval(), properties.scan().plan(), System::currentTimeMillis));
      log.info("source {}: {} at {} for partner {} ({} money flow{})", source.id(), source.kind().system(), source.baseUrl(), source.partnerId(),
          source.moneyFlow(), source.redaction().isEmpty() ? "" : "; redacting " + source.redaction().drop() + " " + source.redaction().hash());
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
  KafkaAdmin.NewTopics pollerTopicsToCreate(PollerProperties properties) {
    PollerProperties.Topics topics = properties.topics();
    return new KafkaAdmin.NewTopics(TopicProvisioning.newTopics(topics.settings(), Map.of(
        topics.orderEvents(), TopicLayout.ORDER_EVENTS,
        topics.rejected(), TopicLayout.ORDER_EVENTS_REJECTED,
        topics.checkpoints(), TopicLayout.POLLER_CHECKPOINTS)).toArray(NewTopic[]::new));
  }
}
