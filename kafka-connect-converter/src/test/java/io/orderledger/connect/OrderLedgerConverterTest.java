package io.orderledger.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderledger.events.codec.SchemaCatalog;
import io.orderledger.events.codec.SchemaVersion;
import io.orderledger.testing.seed.TestSeeds;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.util.RandomData;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

class OrderLedgerConverterTest {

  private final SchemaCatalog catalog = SchemaCatalog.shipped();
  private final OrderLedgerConverter converter = new OrderLedgerConverter();

  /**
   * Random records of every record type of every released version (fixed seed, printed): each reads into Connect as the
   * newest version of its type, and written back it is that record as the newest schema resolves it, byte for byte.
   */
  @Test
  void everyRecordOfEveryVersionReadsAsItsNewestSchemaAndWritesBackTheSame() throws IOException {
    long seed = TestSeeds.seed("OrderLedgerConverterTest", "connect.converter.seed", 23_000);
    int checked = 0;
    for (SchemaVersion version : catalog.versions()) {
      for (Schema writer : version.typesByFullName().values()) {
        if (writer.getType() != Schema.Type.RECORD) {
          continue;
        }
        Schema newest = catalog.current().type(writer.getFullName()).orElse(writer);
        for (Object datum : new RandomData(writer, 20, seed + checked)) {
          byte[] bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), writer).encode((GenericRecord) datum).array();
          SchemaAndValue connect = converter.toConnectData("t", bytes);
          assertThat(connect.schema().name()).isEqualTo(writer.getFullName());
          assertThat(((Struct) connect.value()).schema()).isSameAs(connect.schema());
          ((Struct) connect.value()).validate();

          byte[] back = converter.fromConnectData("t", connect.schema(), connect.value());
          GenericRecord resolved = new GenericDatumReader<GenericRecord>(writer, newest)
              .read(null, org.apache.avro.io.DecoderFactory.get().binaryDecoder(bytes, 10, bytes.length - 10, null));
          assertThat(back).as("%s v%d", writer.getName(), version.number())
              .isEqualTo(new BinaryMessageEncoder<GenericRecord>(GenericData.get(), newest).encode(resolved).array());
          assertThat(new BinaryMessageDecoder<GenericRecord>(GenericData.get(), newest).decode(back)).isEqualTo(resolved);
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThan(1_000);
  }

  @Test
  void bytesThatAreNotOneOfTheCatalogsRecordsFailWithANamedReason() {
    assertThatThrownBy(() -> converter.toConnectData("order-views", "{\"orderId\":1}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(DataException.class).hasMessageStartingWith("NOT_SINGLE_OBJECT_ENCODED: order-views");
    assertThatThrownBy(() -> converter.toConnectData("order-views", new byte[] {(byte) 0xC3, 1, 1, 2, 3, 4, 5, 6, 7, 8, 0}))
        .isInstanceOf(DataException.class).hasMessageStartingWith("UNKNOWN_SCHEMA_FINGERPRINT: order-views");
    Schema entry = catalog.current().type("io.orderledger.events.WalletEntry").orElseThrow();
    GenericRecord record = (GenericRecord) new RandomData(entry, 1, 1).iterator().next();
    byte[] whole = encode(entry, record);
    byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 3);
    assertThatThrownBy(() -> converter.toConnectData("wallet-journal", cut))
        .isInstanceOf(DataException.class).hasMessageStartingWith("CORRUPT: wallet-journal");
    assertThat(converter.toConnectData("order-views", null)).isEqualTo(SchemaAndValue.NULL);
  }

  @Test
  void itConvertsValuesOnlyAndRefusesAStructOfAnotherName() {
    assertThatThrownBy(() -> new OrderLedgerConverter().configure(Map.of(), true)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("StringConverter");
    org.apache.kafka.connect.data.Schema other = org.apache.kafka.connect.data.SchemaBuilder.struct().name("com.example.Other")
        .field("a", org.apache.kafka.connect.data.Schema.STRING_SCHEMA).build();
    assertThatThrownBy(() -> converter.fromConnectData("t", other, new Struct(other).put("a", "x")))
        .isInstanceOf(DataException.class).hasMessageContaining("no record type named com.example.Other");
  }

  private static byte[] encode(Schema schema, GenericRecord record) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      new BinaryMessageEncoder<GenericRecord>(GenericData.get(), schema).encode(record, out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
