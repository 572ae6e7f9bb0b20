package io.orderledger.events.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderledger.events.codec.SchemaCatalog;
import io.orderledger.events.codec.SchemaVersion;
import io.orderledger.events.seal.LedgerMac;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * The published event contract, rendered from {@link PublishedTopic}, {@link io.orderledger.events.topic.TopicLayout}
 * and the {@link SchemaCatalog}: one self-contained schema file per topic and version (every named type it uses defined
 * in it, so one file parses on its own in any language), and the AsyncAPI 3.0 document describing every topic.
 *
 * <p>The rendered files are committed under {@link #ROOT} (and so shipped in this jar); {@code PublishedContractTest}
 * fails when they differ from what this renders, so a topic, key or schema cannot change without its description.
 */
public final class ContractDocuments {

  /** Where the published contract lives, on the classpath and under {@code src/main/resources}. */
  public static final String ROOT = "io/orderledger/events/contract";
  public static final String ASYNCAPI = "asyncapi.json";
  /** Lists the bundled schema files, one relative path per line (a classpath folder cannot be listed inside a jar). */
  public static final String SCHEMA_INDEX = "topics/index.txt";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final String AVRO_FORMAT = "application/vnd.apache.avro+json;version=1.9.0";
  private static final String KAFKA_BINDING = "0.5.0";

  private final SchemaCatalog catalog;

  public ContractDocuments(SchemaCatalog catalog) {
    this.catalog = catalog;
  }

  public static ContractDocuments shipped() {
    return new ContractDocuments(SchemaCatalog.shipped());
  }

  /** Every file of the contract by its path under {@link #ROOT}, in a stable order. */
  public Map<String, String> render() {
    Map<String, String> files = new LinkedHashMap<>();
    StringBuilder index = new StringBuilder();
    for (PublishedTopic topic : PublishedTopic.values()) {
      for (Map.Entry<Integer, Schema> version : versionsOf(topic).entrySet()) {
        String path = bundledSchemaPath(topic, version.getKey());
        files.put(path, version.getValue().toString(true) + "\n");
        index.append(path.substring("topics/".length())).append('\n');
      }
    }
    files.put(SCHEMA_INDEX, index.toString());
    files.put(ASYNCAPI, asyncApi());
    return files;
  }

  /** {@code topics/<topic>/v<N>.avsc}: the value schema of this version, with every named type it uses inlined. */
  public static String bundledSchemaPath(PublishedTopic topic, int version) {
    return "topics/" + topic.topicName() + "/v" + version + ".avsc";
  }

  /** The value schema of each version that defines the topic's type, oldest first (none for non-Avro topics). */
  public Map<Integer, Schema> versionsOf(PublishedTopic topic) {
    Map<Integer, Schema> versions = new LinkedHashMap<>();
    if (topic.avroValues()) {
      for (SchemaVersion version : catalog.versions()) {
        version.type(topic.valueType()).ifPresent(schema -> versions.put(version.number(), schema));
      }
    }
    return versions;
  }

  /** The ten bytes every value written with this schema starts with: C3 01 and the little-endian CRC-64-AVRO fingerprint. */
  public static String singleObjectHeader(Schema schema) {
    byte[] header = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN)
        .put((byte) 0xC3).put((byte) 0x01).putLong(SchemaNormalization.parsingFingerprint64(schema)).array();
    return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(header);
  }

  private String asyncApi() {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("asyncapi", "3.0.0");
    ObjectNode info = doc.putObject("info");
    info.put("title", "Order ledger events");
    info.put("version", catalog.current().number() + ".0.0");
    info.put("description", """
        The topics of the order ledger: what each holds, how it is keyed and partitioned, how long it is kept, who writes \
        it and how to read it. The info version is the newest schema version; older versions' messages are listed too, \
        since a topic kept forever holds records of every version that wrote it.

        **Encoding.** Keys are UTF-8 text. Avro values are in Avro single-object encoding: bytes C3 01, the 8-byte \
        little-endian CRC-64-AVRO fingerprint of the writer schema's Parsing Canonical Form, then the Avro binary body. \
        Each message gives the 10-byte header its values start with (x-single-object-header). Money is an integer count \
        of the currency's minor units (amountMinor 425 with currency GHS is 4.25 GHS), never a float.

        **Reading.** Read with isolation.level=read_committed: every topic is written in Kafka transactions, and a \
        read_uncommitted consumer sees records of aborted transactions. Records of one partner are on one partition, in \
        the order the ledger decided them. Compacted topics are tables: the latest record per key is the current value.

        **Schemas on their own.** Each message's payload is a self-contained Avro schema, also published as \
        topics/<topic>/v<N>.avsc beside this document (order-events-schema jar, and the query service at \
        /events/schemas/<topic>/v<N>.avsc).""");
    ObjectNode servers = doc.putObject("servers");
    ObjectNode local = servers.putObject("local");
    local.put("host", "127.0.0.1:9092");
    local.put("protocol", "kafka");
    local.put("description", "The broker of ./run-local.sh (PLAINTEXT). A deployment names its own.");

    ObjectNode channels = doc.putObject("channels");
    ObjectNode operations = doc.putObject("operations");
    ObjectNode components = doc.putObject("components");
    ObjectNode messages = components.putObject("messages");
    for (PublishedTopic topic : PublishedTopic.values()) {
      String channelId = camel(topic.topicName());
      ObjectNode channel = channels.putObject(channelId);
      channel.put("address", topic.topicName());
      channel.put("title", topic.topicName());
      channel.put("description", channelDescription(topic));
      ObjectNode channelMessages = channel.putObject("messages");
      ArrayNode operationMessages = JSON.createArrayNode();
      if (topic.avroValues()) {
        List<Map.Entry<Integer, Schema>> versions = new java.util.ArrayList<>(versionsOf(topic).entrySet());
        java.util.Collections.reverse(versions); // newest first: what a new reader looks for
        for (Map.Entry<Integer, Schema> version : versions) {
          String messageId = version.getValue().getName() + "V" + version.getKey();
          messages.set(messageId, avroMessage(topic, version.getKey(), version.getValue(),
              version.getKey() == catalog.current().number()));
          channelMessages.putObject(messageId).put("$ref", "#/components/messages/" + messageId);
          operationMessages.addObject().put("$ref", "#/channels/" + channelId + "/messages/" + messageId);
        }
      } else {
        String messageId = channelId + "Record";
        messages.set(messageId, textMessage(topic));
        channelMessages.putObject(messageId).put("$ref", "#/components/messages/" + messageId);
        operationMessages.addObject().put("$ref", "#/channels/" + channelId + "/messages/" + messageId);
      }
      channel.putObject("bindings").set("kafka", channelBinding(topic));

      ObjectNode operation = operations.putObject("read" + Character.toUpperCase(channelId.charAt(0)) + channelId.substring(1));
      operation.put("action", "receive");
      operation.putObject("channel").put("$ref", "#/channels/" + channelId);
      operation.put("summary", topic.forConsumers() ? "Read " + topic.topicName() + " (isolation.level=read_committed)."
          : "Internal: read only by " + topic.writtenBy().split(",")[0] + ".");
      operation.set("messages", operationMessages);
    }
    try {
      return JSON.writeValueAsString(doc) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String channelDescription(PublishedTopic topic) {
    StringBuilder text = new StringBuilder(topic.description());
    text.append("\n\n**Key:** `").append(topic.key().format()).append("`. ").append(topic.key().description());
    text.append("\n\n**Partitioning:** ").append(topic.key().partitionedByPartner()
        ? "by partner: partition = toPositive(murmur2(UTF-8 partnerId)) mod partitions (Kafka's default partitioner "
            + "applied to the partner id), so one partner's records are on the same partition number in every such topic "
            + "and in order there."
        : "Kafka's default partitioner on the key.");
    topic.layout().fixedPartitions().ifPresent(count -> text.append(" **").append(count).append(count == 1 ? " partition" : " partitions")
        .append("**, whatever the deployment's count."));
    text.append("\n\n**Written by:** ").append(topic.writtenBy()).append('.');
    text.append("\n\n**Retention:** ").append(retention(topic)).append('.');
    text.append("\n\n**Topic configs** (as the services create it; `min.insync.replicas` added where replicated): ");
    topic.layout().configs().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(config -> text.append('`').append(config.getKey()).append('=').append(config.getValue()).append("` "));
    text.setLength(text.length() - 1);
    text.append('.');
    if (topic.sealed()) {
      text.append("\n\n**Header** `").append(LedgerMac.HEADER).append("`: HMAC-SHA256 of the value bytes under the "
          + "ledger's secret key. The query service refuses a record whose header does not verify; ledger-audit, which "
          + "holds no MAC key, checks the hash chains and the signed checkpoints instead.");
    }
    return text.toString();
  }

  private static String retention(PublishedTopic topic) {
    Map<String, String> configs = topic.layout().configs();
    if (topic.compacted()) {
      return "compacted: the latest record per key is kept";
    }
    String ms = configs.getOrDefault("retention.ms", "");
    return "-1".equals(ms) ? "forever (retention.ms=-1, retention.bytes=-1)"
        : Long.parseLong(ms) / 86_400_000L + " days (retention.ms=" + ms + ")";
  }

  private static ObjectNode channelBinding(PublishedTopic topic) {
    ObjectNode binding = JSON.createObjectNode();
    binding.put("topic", topic.topicName());
    topic.layout().fixedPartitions().ifPresent(count -> binding.put("partitions", count));
    ObjectNode configuration = binding.putObject("topicConfiguration");
    Map<String, String> configs = topic.layout().configs();
    ArrayNode policy = configuration.putArray("cleanup.policy");
    for (String p : configs.get("cleanup.policy").split(",")) {
      policy.add(p.strip());
    }
    for (String numeric : List.of("retention.ms", "retention.bytes", "max.message.bytes")) {
      if (configs.containsKey(numeric)) {
        configuration.put(numeric, Long.parseLong(configs.get(numeric)));
      }
    }
    binding.put("bindingVersion", KAFKA_BINDING);
    return binding;
  }

  private ObjectNode avroMessage(PublishedTopic topic, int version, Schema schema, boolean current) {
    ObjectNode message = JSON.createObjectNode();
    message.put("name", schema.getName());
    message.put("title", schema.getName() + " (schema v" + version + ")");
    message.put("summary", (current ? "Written by the current version. " : "Written by schema v" + version + "; still in the log. ")
        + "Values start with " + singleObjectHeader(schema) + ".");
    message.put("contentType", "application/octet-stream");
    ObjectNode payload = message.putObject("payload");
    payload.put("schemaFormat", AVRO_FORMAT);
    payload.set("schema", parse(schema.toString()));
    if (topic.sealed()) {
      message.set("headers", macHeader());
    }
    message.putObject("bindings").set("kafka", messageBinding(topic));
    message.put("x-single-object-header", singleObjectHeader(schema));
    message.put("x-schema-file", bundledSchemaPath(topic, version));
    if (current) {
      message.set("examples", examples(topic));
    }
    return message;
  }

  private ObjectNode textMessage(PublishedTopic topic) {
    ObjectNode message = JSON.createObjectNode();
    message.put("name", camel(topic.topicName()) + "Record");
    message.put("title", topic.topicName() + " record");
    message.put("summary", topic.forConsumers() ? "UTF-8 text." : "The poller's own versioned JSON: internal, not a contract.");
    message.put("contentType", topic.forConsumers() ? "text/plain" : "application/json");
    ObjectNode payload = message.putObject("payload");
    payload.put("type", "string");
    if (topic.sealed()) {
      message.set("headers", macHeader());
    }
    message.putObject("bindings").set("kafka", messageBinding(topic));
    if (topic.forConsumers()) {
      message.set("examples", examples(topic));
    }
    return message;
  }

  private static ObjectNode macHeader() {
    ObjectNode headers = JSON.createObjectNode();
    headers.put("type", "object");
    ObjectNode mac = headers.putObject("properties").putObject(LedgerMac.HEADER);
    mac.put("type", "string");
    mac.put("description", "32 bytes: HMAC-SHA256 of the value bytes under the ledger's secret key.");
    return headers;
  }

  private static ObjectNode messageBinding(PublishedTopic topic) {
    ObjectNode binding = JSON.createObjectNode();
    ObjectNode key = binding.putObject("key");
    key.put("type", "string");
    key.put("description", "UTF-8 `" + topic.key().format() + "`. " + topic.key().description());
    if (topic.avroValues()) {
      binding.put("schemaIdLocation", "payload"); // the fingerprint, in bytes 2..9 (x-single-object-header)
    }
    binding.put("bindingVersion", KAFKA_BINDING);
    return binding;
  }

  /** The committed example of a topic: a real record of ./run-local.sh, decoded as {@code ledger-audit tail} prints it. */
  private static ArrayNode examples(PublishedTopic topic) {
    JsonNode example = parse(resource(ROOT + "/examples/" + topic.topicName() + ".json"));
    ArrayNode examples = JSON.createArrayNode();
    ObjectNode one = examples.addObject();
    one.put("name", camel(topic.topicName()) + "Example");
    one.put("summary", "A record of ./run-local.sh, its value decoded to JSON as `./ledger-audit.sh tail --topic "
        + topic.topicName() + "` prints it (unions as their plain value).");
    one.set("payload", example.get("value"));
    return examples;
  }

  static String resource(String path) {
    try (InputStream in = ContractDocuments.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(path + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** order-events → orderEvents: AsyncAPI ids are names, topics are addresses. */
  static String camel(String topic) {
    StringBuilder id = new StringBuilder();
    boolean upper = false;
    for (char c : topic.toCharArray()) {
      if (c == '-' || c == '.' || c == '_') {
        upper = true;
      } else {
        id.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
        upper = false;
      }
    }
    return id.toString();
  }

  /** Writes every file of the contract under {@code args[0]} (src/main/resources): how the committed files are made. */
  public static void main(String[] args) throws IOException {
    java.nio.file.Path root = java.nio.file.Path.of(args[0]).resolve(ROOT);
    for (Map.Entry<String, String> file : shipped().render().entrySet()) {
      java.nio.file.Path target = root.resolve(file.getKey());
      java.nio.file.Files.createDirectories(target.getParent());
      java.nio.file.Files.writeString(target, file.getValue());
    }
    System.out.println("wrote the contract under " + root);
  }
}
