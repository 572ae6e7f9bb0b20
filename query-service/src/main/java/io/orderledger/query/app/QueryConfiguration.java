package io.orderledger.query.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderledger.events.progress.ProgressProbe;
import io.orderledger.events.progress.ProgressTracker;
import io.orderledger.events.progress.ProgressWatch;
import io.orderledger.events.topic.TopicLayout;
import io.orderledger.events.topic.TopicProvisioning;
import io.orderledger.query.api.ApiAccessFilter;
import io.orderledger.query.api.ApiClient;
import io.orderledger.query.api.ApiKeyRegistry;
import io.orderledger.query.api.LedgerKeyController;
import io.orderledger.query.api.PartnerAnswers;
import io.orderledger.query.api.AuthFailureLimiter;
import io.orderledger.query.api.RateLimiter;
import io.orderledger.query.api.SecurityHeaders;
import io.orderledger.query.cluster.ForwardingSignature;
import io.orderledger.query.cluster.Forwarder;
import io.orderledger.query.cluster.PartnerRouter;
import io.orderledger.query.cluster.PartnerStores;
import io.orderledger.query.cluster.RoutingPolicy;
import io.orderledger.query.cluster.StandbyCatchUp;
import io.orderledger.query.read.CursorCodec;
import io.orderledger.query.read.PagedRange;
import io.orderledger.query.store.LedgerTrust;
import io.orderledger.query.store.LocalStores;
import io.orderledger.query.store.QueryRocksDbConfig;
import io.orderledger.query.store.QueryTopics;
import io.orderledger.query.store.QueryTopology;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.streams.KafkaStreamsMicrometerListener;

/** Wires the query topology, the stores' readers, routing between instances and the API's access rules. */
@Configuration(proxyBeanMethods = false)
class QueryConfiguration {

  private static final Logger log = LoggerFactory.getLogger(QueryConfiguration.class);

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  LocalStores localStores() {
    return new LocalStores();
  }

  @Bean
  StreamsReadiness streamsReadiness(ApplicationEventPublisher publisher) {
    return new StreamsReadiness(publisher);
  }

  /** Looks at the service's inputs and changelogs on the cluster every few seconds, for readiness and X-Data-Age. */
  @Bean(destroyMethod = "close")
  ProgressWatch queryProgress(KafkaAdmin kafkaAdmin, KafkaProperties kafka, QueryProperties properties, StreamsReadiness readiness) {
    String applicationId = String.valueOf(kafka.buildStreamsProperties().get(StreamsConfig.APPLICATION_ID_CONFIG));
    ProgressProbe probe = new ProgressProbe(Admin.create(kafkaAdmin.getConfigurationProperties()), applicationId,
        properties.topics().names().all(), List.of());
    ProgressWatch watch = new ProgressWatch("query", probe, new ProgressTracker(properties.health().stallAfter()),
        properties.health().sampleEvery(), Clock.systemUTC());
    readiness.watch(watch);
    return watch;
  }

  @Bean
  FilterRegistrationBean<DataAgeHeader> dataAgeHeader(ProgressWatch progress) {
    FilterRegistrationBean<DataAgeHeader> registration = new FilterRegistrationBean<>(new DataAgeHeader(progress));
    registration.addUrlPatterns("/api/*");
    return registration;
  }

  /**
   * Spring Kafka runs the Streams lifecycle; the topology itself comes from the pure {@link QueryTopology}. The read
   * model is idempotent (versions and sequences), so at-least-once is its default guarantee.
   */
  @Bean
  StreamsBuilderFactoryBean queryStreams(KafkaProperties kafka, QueryProperties properties, Clock clock, MeterRegistry registry,
                                         StreamsReadiness readiness, LocalStores localStores) {
    Map<String, Object> config = new HashMap<>(kafka.buildStreamsProperties());
    config.putIfAbsent(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
    // At-least-once leaves Kafka's consumer at read_uncommitted, which would show what an aborted ledger transaction
    // wrote (a crashed or fenced instance's views and journal entries). The API shows only committed records.
    config.putIfAbsent(StreamsConfig.mainConsumerPrefix(ConsumerConfig.ISOLATION_LEVEL_CONFIG), "read_committed");
    config.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
    config.putIfAbsent(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, QueryRocksDbConfig.class);
    StreamsBuilderFactoryBean factory = new StreamsBuilderFactoryBean(new KafkaStreamsConfiguration(config));
    QueryTopics topics = properties.topics().names();
    MicrometerMaterializerMetrics metrics = new MicrometerMaterializerMetrics(registry);
    LedgerTrust trust = properties.ledgerTrust();
    factory.setInfrastructureCustomizer(new org.springframework.kafka.config.KafkaStreamsInfrastructureCustomizer() {
      @Override
      public void configureBuilder(StreamsBuilder builder) {
        QueryTopology.define(builder, topics, clock, metrics, localStores, trust);
      }
    });
    // A dynamic member leaves on close so its partitions move now, not after session.timeout.ms. A static member
    // (group.instance.id set, as the local stack does) stays: back within its session, it keeps its partitions.
    factory.setLeaveGroupOnClose(config.keySet().stream().noneMatch(k -> k.endsWith("group.instance.id")));
    factory.setStateListener(readiness);
    // Stopped after the web server's graceful shutdown has drained the requests in flight, not before (Spring Kafka's
    // default phase stops Kafka Streams first): a request that arrived just before SIGTERM was answered "the query
    // service is starting" while the stores closed under it (RollingRestartIT, a fresh-clone run: one 503 in 1,458).
    factory.setPhase(org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 1);
    factory.setStreamsUncaughtExceptionHandler(e -> {
      log.error("query stream thread failed; replacing it", e);
      return StreamThreadExceptionResponse.REPLACE_THREAD;
    });
    factory.addListener(new KafkaStreamsMicrometerListener(registry));
    return factory;
  }

  @Bean
  PartnerStores partnerStores(StreamsBuilderFactoryBean queryStreams, LocalStores localStores, RoutingPolicy policy, PagedRange paging) {
    return new PartnerStores(queryStreams::getKafkaStreams, localStores, policy.alone(), paging);
  }

  @Bean
  RoutingPolicy routingPolicy(KafkaProperties kafka, QueryProperties properties) {
    String server = kafka.getStreams().getProperties().get(StreamsConfig.APPLICATION_SERVER_CONFIG);
    HostInfo self = server == null || server.isBlank() ? HostInfo.unavailable() : HostInfo.buildFromEndpoint(server);
    return new RoutingPolicy(self, properties.standbyReads());
  }

  @Bean
  PartnerAnswers partnerAnswers(PartnerStores stores, RoutingPolicy policy, QueryProperties properties, ClusterSigning signing,
                                StandbyCatchUp standbys,
                                org.springframework.boot.web.server.autoconfigure.ServerProperties server,
                                org.springframework.beans.factory.ObjectProvider<org.springframework.boot.ssl.SslBundles> bundles) {
    // With TLS on (server.ssl.bundle), instances call each other over HTTPS and trust the same bundle.
    javax.net.ssl.SSLContext tls = null;
    if (server.getSsl() != null && server.getSsl().isEnabled() && server.getSsl().getBundle() != null) {
      tls = bundles.getObject().getBundle(server.getSsl().getBundle()).createSslContext();
    }
    return new PartnerAnswers(new PartnerRouter(stores, policy, new Forwarder(properties.forwardTimeout(), signing.signature(), tls),
        standbys, properties.standbyCatchUpWait()));
  }

  /** Whether the standby copies here hold what their changelogs hold: for standby answers and for readiness. */
  @Bean
  StandbyCatchUp standbyCatchUp(PartnerStores stores, StreamsReadiness readiness, StreamsBuilderFactoryBean queryStreams) {
    boolean exactlyOnce = String.valueOf(queryStreams.getStreamsConfiguration().get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
        .startsWith("exactly_once");
    StandbyCatchUp standbys = new StandbyCatchUp(stores.changelogPositions(), System::nanoTime, Duration.ofMillis(50), exactlyOnce,
        Duration.ofMinutes(2));
    readiness.standbys(standbys);
    return standbys;
  }

  /** The cluster's forwarding signature, or none (null) for an instance that runs alone. */
  record ClusterSigning(ForwardingSignature signature) {
  }

  /**
   * What instances sign requests they pass on to each other with: required as soon as there are others
   * ({@code application.server} set); an instance that runs alone forwards nothing and refuses forwarded requests.
   */
  @Bean
  ClusterSigning clusterSigning(QueryProperties properties, RoutingPolicy policy) {
    String secret = properties.clusterSecret();
    if (secret == null || secret.isBlank()) {
      if (!policy.alone()) {
        throw new IllegalStateException("spring.kafka.streams.properties.application.server is set, so instances forward requests to each"
            + " other: set query.cluster-secret (QUERY_CLUSTER_SECRET, Base64 of 32 random bytes: openssl rand -base64 32), the same on"
            + " every instance");
      }
      return new ClusterSigning(null);
    }
    return new ClusterSigning(ForwardingSignature.withSecret(secret, java.time.Clock.systemUTC()));
  }

  @Bean
  LedgerKeyController.PublishedKey publishedLedgerKey(QueryProperties properties) {
    LedgerTrust trust = properties.ledgerTrust();
    return trust.signatures() == null ? new LedgerKeyController.PublishedKey(null, null)
        : new LedgerKeyController.PublishedKey(trust.signatures().publicKeyBase64(), trust.signatures().keyId());
  }

  /** How the readers page, with the cursor secret every instance shares. */
  @Bean
  PagedRange pagedRange(QueryProperties properties) {
    String secret = properties.cursorSecret();
    if (secret == null || secret.isBlank()) {
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      log.warn("query.cursor-secret is not set: cursors will not survive a restart or work across instances");
      return new PagedRange(new CursorCodec(random));
    }
    return new PagedRange(new CursorCodec(secret.getBytes(StandardCharsets.UTF_8)));
  }

  @Bean
  ApiKeyRegistry apiKeyRegistry(QueryProperties properties) {
    List<ApiKeyRegistry.Entry> entries = properties.apiKeys().stream().map(key -> {
      String hex = key.keySha256().trim().toLowerCase();
      String salt = key.keySalt() == null || key.keySalt().isBlank() ? null : key.keySalt().trim();
      if (salt == null) {
        log.warn("API key {} of {} has no key-salt: its hash is the key's plain SHA-256 (README, \"API keys\", says how to salt it)",
            hex.substring(0, 8), key.partnerId());
      }
      return new ApiKeyRegistry.Entry(salt, HexFormat.of().parseHex(hex), new ApiClient(key.partnerId(), key.permissions(), hex.substring(0, 8)));
    }).toList();
    if (entries.isEmpty()) {
      log.warn("no API keys are configured (query.api-keys): every request will be refused with 401");
    }
    return new ApiKeyRegistry(entries);
  }

  @Bean
  FilterRegistrationBean<ApiAccessFilter> apiAccessFilter(ApiKeyRegistry keys, QueryProperties properties, MeterRegistry meters,
                                                          ClusterSigning signing) {
    QueryProperties.RateLimit limit = properties.rateLimit();
    RateLimiter rateLimiter = limit.enabled() ? new RateLimiter(limit.perSecond(), limit.burst()) : RateLimiter.unlimited();
    AuthFailureLimiter failures = new AuthFailureLimiter(properties.authFailures().perMinute(), properties.authFailures().burst());
    FilterRegistrationBean<ApiAccessFilter> registration = new FilterRegistrationBean<>(new ApiAccessFilter(keys, rateLimiter, failures,
        signing.signature(), reason -> meters.counter("query.auth.failures", "reason", reason).increment()));
    registration.addUrlPatterns("/api/*");
    return registration;
  }

  /**
   * Every answer of the API port: {@code nosniff}, and on the API's JSON {@code no-store} (an answer holds a
   * partner's data: no cache between the client and here may keep it) and a policy under which the JSON, opened as a
   * page, runs and embeds nothing. The console's pages set their own, stricter for scripts.
   */
  @Bean
  FilterRegistrationBean<SecurityHeaders> securityHeaders() {
    FilterRegistrationBean<SecurityHeaders> registration = new FilterRegistrationBean<>(new SecurityHeaders());
    registration.addUrlPatterns("/*");
    registration.setDispatcherTypes(jakarta.servlet.DispatcherType.REQUEST, jakarta.servlet.DispatcherType.ERROR);
    registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  /** Creates the topics it reads if the ledger and the poller have not yet (same layouts as theirs). */
  @Bean
  KafkaAdmin.NewTopics queryTopicsToCreate(QueryProperties properties) {
    QueryTopics names = properties.topics().names();
    return new KafkaAdmin.NewTopics(TopicProvisioning.newTopics(properties.topics().settings(), Map.of(
        names.orderViews(), TopicLayout.ORDER_VIEWS,
        names.walletJournal(), TopicLayout.WALLET_JOURNAL,
        names.decisions(), TopicLayout.LEDGER_DECISIONS,
        names.orderEvents(), TopicLayout.ORDER_EVENTS,
        names.discrepancies(), TopicLayout.WALLET_DISCREPANCIES,
        names.checkpoints(), TopicLayout.LEDGER_CHECKPOINTS)).toArray(NewTopic[]::new));
  }
}
