package io.orderledger.events.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderledger.events.codec.SchemaCatalog;
import io.orderledger.events.topic.TopicLayout;
import io.orderledger.events.topic.TopicNames;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.SchemaParser;
import org.junit.jupiter.api.Test;

/**
 * The published contract (AsyncAPI document, bundled schemas) is what {@link ContractDocuments} renders from the topic
 * layout and the schema catalog: a topic, key or schema that changes without the committed files fails here. To
 * regenerate them after a deliberate change:
 * {@code mvn -pl order-events-schema test -Dtest=PublishedContractTest -Dcontract.update=true}, then review the diff.
 */
class PublishedContractTest {

  private static final Path COMMITTED = Path.of("src/main/resources").resolve(ContractDocuments.ROOT);
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Map<String, String> rendered = ContractDocuments.shipped().render();

  @Test
  void theCommittedContractIsWhatTheLayoutAndTheCatalogRender() throws IOException {
    if (Boolean.getBoolean("contract.update")) {
      ContractDocuments.main(new String[] {"src/main/resources"});
    }
    for (Map.Entry<String, String> file : rendered.entrySet()) {
      Path committed = COMMITTED.resolve(file.getKey());
      assertThat(committed).as("%s is published; regenerate with -Dcontract.update=true", file.getKey()).exists();
      assertThat(Files.readString(committed)).as("%s differs from what the layout and the catalog render; regenerate with "
          + "-Dcontract.update=true and review the diff", file.getKey()).isEqualTo(file.getValue());
    }
    try (Stream<Path> published = Files.walk(COMMITTED.resolve("topics"))) {
      Set<String> stale = published.filter(Files::isRegularFile).map(p -> COMMITTED.relativize(p).toString())
          .filter(p -> !rendered.containsKey(p)).collect(Collectors.toSet());
      assertThat(stale).as("published files no schema renders any more").isEmpty();
    }
  }

  @Test
  void everyTopicOfTheLayoutAndEveryTopicNameIsDescribedOnce() throws IllegalAccessException {
    assertThat(Arrays.stream(PublishedTopic.values()).map(PublishedTopic::layout))
        .containsExactlyInAnyOrder(TopicLayout.values());
    Set<String> names = new java.util.HashSet<>();
    for (Field field : TopicNames.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers())) {
        names.add((String) field.get(null));
      }
    }
    assertThat(Arrays.stream(PublishedTopic.values()).map(PublishedTopic::topicName)).containsExactlyInAnyOrderElementsOf(names);
    for (PublishedTopic topic : PublishedTopic.values()) {
      assertThat(topic.layout().name()).as("a topic and its layout are the same constant").isEqualTo(topic.name());
    }
  }

  @Test
  void everyBundledSchemaParsesOnItsOwnAndIsTheCatalogsSchema() {
    SchemaCatalog catalog = SchemaCatalog.shipped();
    int checked = 0;
    for (PublishedTopic topic : PublishedTopic.values()) {
      if (!topic.avroValues()) {
        continue;
      }
      assertThat(catalog.current().type(topic.valueType())).as("%s's value type is in the current version", topic).isPresent();
      for (var version : ContractDocuments.shipped().versionsOf(topic).entrySet()) {
        String text = rendered.get(ContractDocuments.bundledSchemaPath(topic, version.getKey()));
        Schema alone = new SchemaParser().parse(text).mainSchema(); // a fresh parser: nothing defined beforehand
        assertThat(SchemaNormalization.parsingFingerprint64(alone))
            .as("%s v%d alone has the fingerprint its records carry", topic, version.getKey())
            .isEqualTo(SchemaNormalization.parsingFingerprint64(version.getValue()));
        checked++;
      }
    }
    assertThat(checked).isGreaterThanOrEqualTo(25);
  }

  @Test
  void theAsyncApiDocumentHasAChannelPerTopicWithItsKeySchemasAndAnExampleThatFitsTheSchema() throws IOException {
    JsonNode doc = JSON.readTree(rendered.get(ContractDocuments.ASYNCAPI));
    assertThat(doc.get("asyncapi").asText()).isEqualTo("3.0.0");
    for (PublishedTopic topic : PublishedTopic.values()) {
      JsonNode channel = doc.get("channels").get(ContractDocuments.camel(topic.topicName()));
      assertThat(channel.get("address").asText()).isEqualTo(topic.topicName());
      assertThat(channel.get("description").asText()).contains("**Key:** `" + topic.key().format() + "`");
      assertThat(channel.at("/bindings/kafka/topicConfiguration/cleanup.policy/0").asText())
          .isEqualTo(topic.layout().configs().get("cleanup.policy"));
      if (!topic.avroValues()) {
        continue;
      }
      Map<Integer, Schema> versions = ContractDocuments.shipped().versionsOf(topic);
      assertThat(channel.get("messages").size()).isEqualTo(versions.size());
      for (var version : versions.entrySet()) {
        String id = version.getValue().getName() + "V" + version.getKey();
        JsonNode message = doc.at("/components/messages/" + id);
        assertThat(message.get("x-single-object-header").asText()).isEqualTo(ContractDocuments.singleObjectHeader(version.getValue()));
        assertThat(new Schema.Parser().parse(message.at("/payload/schema").toString())).isEqualTo(version.getValue());
      }
      Schema current = versions.get(SchemaCatalog.shipped().current().number());
      JsonNode example = doc.at("/components/messages/" + current.getName() + "V" + SchemaCatalog.shipped().current().number()
          + "/examples/0/payload");
      assertFits(example, current, topic.topicName());
    }
  }

  /** The example has exactly the schema's fields, each of a JSON type its Avro type allows (unions as plain values). */
  private static void assertFits(JsonNode value, Schema schema, String where) {
    switch (schema.getType()) {
      case RECORD -> {
        assertThat(value.isObject()).as(where).isTrue();
        List<String> fields = schema.getFields().stream().map(Schema.Field::name).toList();
        List<String> present = iterate(value.fieldNames());
        assertThat(present).as("%s: the example's fields are the schema's", where).containsExactlyInAnyOrderElementsOf(fields);
        for (Schema.Field field : schema.getFields()) {
          assertFits(value.get(field.name()), field.schema(), where + "." + field.name());
        }
      }
      case UNION -> assertThat(schema.getTypes()).as("%s: %s fits one branch of %s", where, value, schema)
          .anySatisfy(branch -> assertFits(value, branch, where));
      case NULL -> assertThat(value.isNull()).as(where).isTrue();
      case ENUM -> assertThat(schema.getEnumSymbols()).as(where).contains(value.asText());
      case STRING, BYTES, FIXED -> assertThat(value.isTextual()).as(where).isTrue();
      case LONG, INT -> assertThat(value.isIntegralNumber()).as(where).isTrue();
      case BOOLEAN -> assertThat(value.isBoolean()).as(where).isTrue();
      case DOUBLE, FLOAT -> assertThat(value.isNumber()).as(where).isTrue();
      case ARRAY -> {
        assertThat(value.isArray()).as(where).isTrue();
        value.forEach(item -> assertFits(item, schema.getElementType(), where + "[]"));
      }
      case MAP -> {
        assertThat(value.isObject()).as(where).isTrue();
        value.forEach(item -> assertFits(item, schema.getValueType(), where + "{}"));
      }
    }
  }

  private static List<String> iterate(Iterator<String> names) {
    List<String> list = new java.util.ArrayList<>();
    names.forEachRemaining(list::add);
    return list;
  }
}
