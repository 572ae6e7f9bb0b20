package io.orderledger.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderledger.ledger.app.LedgerProperties;
import io.orderledger.poller.app.PollerProperties;
import io.orderledger.query.app.QueryProperties;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * There is no Docker engine here, so docker-compose.yml is checked by reading it: every environment variable a
 * service is given must be one the service reads (derived from its own configuration classes, in Spring Boot's
 * relaxed form), every Dockerfile it builds from must exist, the brokers run the same Kafka as the build, and
 * everything is replicated three times with min.insync.replicas=2.
 */
class ComposeFileTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  /** What every Spring Boot service of ours reads besides its own properties. */
  private static final List<Pattern> COMMON = List.of(Pattern.compile("SERVER_PORT"), Pattern.compile("SPRING_KAFKA_BOOTSTRAP_SERVERS"),
      Pattern.compile("SPRING_KAFKA_STREAMS_REPLICATION_FACTOR"), Pattern.compile("SPRING_KAFKA_STREAMS_STATE_DIR"),
      Pattern.compile("SPRING_KAFKA_STREAMS_APPLICATION_ID"), Pattern.compile("SPRING_KAFKA_STREAMS_PROPERTIES_[A-Z0-9_]+"),
      Pattern.compile("JAVA_TOOL_OPTIONS"), Pattern.compile("MANAGEMENT_SERVER_(PORT|ADDRESS)"));
  private static final Map<String, Class<?>> PROPERTIES = Map.of("poller", PollerProperties.class, "ledger", LedgerProperties.class,
      "query", QueryProperties.class);

  @SuppressWarnings("unchecked")
  private static Map<String, Object> services() throws IOException {
    Map<String, Object> compose = new Yaml(new LoaderOptions()).load(Files.readString(ROOT.resolve("docker-compose.yml")));
    return (Map<String, Object>) compose.get("services");
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyEnvironmentVariableIsOneTheServiceReads() throws IOException {
    int checked = 0;
    for (Map.Entry<String, Object> service : services().entrySet()) {
      Map<String, Object> definition = (Map<String, Object>) service.getValue();
      Map<String, Object> environment = (Map<String, Object>) definition.getOrDefault("environment", Map.of());
      if (service.getKey().startsWith("kafka-")) {
        continue; // the apache/kafka image's own KAFKA_* settings
      }
      String prefix = service.getKey().replaceAll("-\\d+$", "");
      Class<?> properties = PROPERTIES.get(prefix);
      List<Pattern> accepted = new ArrayList<>(COMMON);
      if (properties != null) {
        accepted.addAll(relaxedNames(prefix.toUpperCase(), properties));
      }
      for (String variable : environment.keySet()) {
        assertThat(accepted.stream().anyMatch(p -> p.matcher(variable).matches()))
            .as("%s sets %s, which it does not read", service.getKey(), variable).isTrue();
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(20);
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyImageAndDockerfileExistsAndTheBrokersRunTheBuildsKafka() throws IOException {
    for (Map.Entry<String, Object> service : services().entrySet()) {
      Map<String, Object> definition = (Map<String, Object>) service.getValue();
      if (definition.containsKey("build")) {
        Map<String, Object> build = (Map<String, Object>) definition.get("build");
        Path dockerfile = ROOT.resolve((String) build.get("context")).resolve((String) build.getOrDefault("dockerfile", "Dockerfile"));
        assertThat(dockerfile).as("Dockerfile of %s", service.getKey()).exists();
      } else {
        assertThat((String) definition.get("image")).as("image of %s", service.getKey()).isEqualTo("apache/kafka:" + buildsKafkaVersion());
      }
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void everythingIsReplicatedThreeTimesWithTwoInSync() throws IOException {
    Map<String, Object> services = services();
    for (String broker : List.of("kafka-1", "kafka-2", "kafka-3")) {
      Map<String, Object> env = (Map<String, Object>) ((Map<String, Object>) services.get(broker)).get("environment");
      assertThat(env).containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", 3).containsEntry("KAFKA_MIN_INSYNC_REPLICAS", 2)
          .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", 3).containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", 2);
    }
    for (String service : List.of("poller", "ledger", "query-1", "query-2")) {
      Map<String, Object> env = (Map<String, Object>) ((Map<String, Object>) services.get(service)).get("environment");
      String prefix = service.replaceAll("-\\d+$", "").toUpperCase();
      assertThat(env).as(service).containsEntry(prefix + "_TOPICS_REPLICATION_FACTOR", 3).containsEntry(prefix + "_TOPICS_MIN_INSYNC_REPLICAS", 2);
    }
    Map<String, Object> ledger = (Map<String, Object>) services.get("ledger");
    assertThat((Map<String, Object>) ledger.get("deploy")).containsEntry("replicas", 2);
    Map<String, Object> query = (Map<String, Object>) ((Map<String, Object>) services.get("query-2")).get("environment");
    assertThat(query).containsEntry("SPRING_KAFKA_STREAMS_PROPERTIES_NUM_STANDBY_REPLICAS", 1);
  }

  private static String buildsKafkaVersion() throws IOException {
    var matcher = Pattern.compile("<kafka.version>([^<]+)</kafka.version>").matcher(Files.readString(ROOT.resolve("pom.xml")));
    assertThat(matcher.find()).as("kafka.version in the parent pom").isTrue();
    return matcher.group(1);
  }

  /** The environment variable names Spring Boot binds to a properties record, lists as {@code _<n>_}. */
  static List<Pattern> relaxedNames(String prefix, Class<?> type) {
    List<Pattern> names = new ArrayList<>();
    collect(prefix, type, names);
    return names;
  }

  private static void collect(String prefix, Type type, List<Pattern> names) {
    if (type instanceof Class<?> c && c.isRecord()) {
      for (RecordComponent component : c.getRecordComponents()) {
        collect(prefix + "_" + component.getName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(), component.getGenericType(), names);
      }
    } else if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
      collect(prefix + "_\\d+", p.getActualTypeArguments()[0], names);
    } else {
      names.add(Pattern.compile(prefix));
    }
  }
}
