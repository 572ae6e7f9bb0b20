package io.orderledger.connect;

import io.orderledger.events.codec.SchemaCatalog;
import io.orderledger.events.codec.SchemaVersion;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;

/**
 * A Kafka Connect converter for the order ledger's record values: Avro single-object encoding (C3 01, the writer schema's
 * 8-byte CRC-64-AVRO fingerprint, the Avro binary body), with the schema catalog of the {@code order-events-schema} jar
 * playing the schema registry. Use it as {@code value.converter} on any of the ledger's Avro topics, with
 * {@code org.apache.kafka.connect.storage.StringConverter} for the keys (UTF-8 text).
 *
 * <p>Reading ({@link #toConnectData}): the writer's schema is found by its fingerprint among every released version, and
 * the record is resolved to the <em>newest</em> version of its type, so a sink sees one schema per topic whichever version
 * wrote each record (a table a JDBC sink creates does not change with old records). A record struct is named by its Avro
 * full name. Writing ({@link #fromConnectData}): a struct named after one of the catalog's types is encoded with that
 * type's newest schema. Bytes that are not one of the catalog's records fail with a {@link DataException} naming why, which
 * a connector's {@code errors.tolerance} and dead letter queue then handle as Connect does.
 */
public final class OrderLedgerConverter implements Converter {

  private final SchemaCatalog catalog;
  private final Map<Long, Writer> writersByFingerprint = new HashMap<>();
  private final Map<String, org.apache.avro.Schema> newestByName = new HashMap<>();
  private final Map<String, BinaryMessageEncoder<GenericRecord>> encodersByName = new HashMap<>();
  private final ConnectSchemas schemas = new ConnectSchemas();

  /** What Connect instantiates: the catalog shipped in the order-events-schema jar. */
  public OrderLedgerConverter() {
    this(SchemaCatalog.shipped());
  }

  OrderLedgerConverter(SchemaCatalog catalog) {
    this.catalog = catalog;
    for (SchemaVersion version : catalog.versions()) {
      for (org.apache.avro.Schema schema : version.typesByFullName().values()) {
        if (schema.getType() == org.apache.avro.Schema.Type.RECORD) {
          newestByName.put(schema.getFullName(), schema); // versions come oldest first: the last one stays
        }
      }
    }
    for (SchemaVersion version : catalog.versions()) {
      for (org.apache.avro.Schema writer : version.typesByFullName().values()) {
        if (writer.getType() == org.apache.avro.Schema.Type.RECORD) {
          org.apache.avro.Schema reader = newestByName.get(writer.getFullName());
          writersByFingerprint.put(SchemaNormalization.parsingFingerprint64(writer),
              new Writer(version.number(), reader, new GenericDatumReader<>(writer, reader)));
        }
      }
    }
  }

  private record Writer(int version, org.apache.avro.Schema reader, GenericDatumReader<GenericRecord> datumReader) {
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    if (isKey) {
      throw new ConfigException("key.converter", getClass().getName(), "the ledger's keys are UTF-8 text: use "
          + "org.apache.kafka.connect.storage.StringConverter for keys and this converter for values");
    }
  }

  @Override
  public SchemaAndValue toConnectData(String topic, byte[] value) {
    if (value == null) {
      return SchemaAndValue.NULL; // a tombstone: compacted topics may carry them
    }
    if (value.length < 10 || value[0] != (byte) 0xC3 || value[1] != (byte) 0x01) {
      throw new DataException("NOT_SINGLE_OBJECT_ENCODED: " + topic + " has a " + value.length
          + "-byte value without the Avro single-object header C3 01");
    }
    long fingerprint = ByteBuffer.wrap(value, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    Writer writer = writersByFingerprint.get(fingerprint);
    if (writer == null) {
      throw new DataException("UNKNOWN_SCHEMA_FINGERPRINT: " + topic + " has a value written with schema "
          + Long.toHexString(fingerprint) + ", which no released version (v1-v" + catalog.current().number()
          + ") has: upgrade the order-events-schema jar on the worker's plugin path");
    }
    try {
      BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(value, 10, value.length - 10, null);
      GenericRecord record = writer.datumReader().read(null, decoder);
      if (!decoder.isEnd()) {
        throw new DataException("CORRUPT: " + topic + " has bytes after the end of a " + writer.reader().getName());
      }
      Schema connect = schemas.of(writer.reader());
      return new SchemaAndValue(connect, ConnectValues.toConnect(writer.reader(), connect, record));
    } catch (IOException | RuntimeException e) {
      if (e instanceof DataException data) {
        throw data;
      }
      throw new DataException("CORRUPT: " + topic + " has a " + writer.reader().getName() + " (schema v" + writer.version()
          + ") that does not decode: " + e.getMessage(), e);
    }
  }

  @Override
  public byte[] fromConnectData(String topic, Schema schema, Object value) {
    if (value == null) {
      return null;
    }
    if (schema == null || schema.type() != Schema.Type.STRUCT || !(value instanceof Struct)) {
      throw new DataException(topic + ": this converter writes structs named after one of the ledger's record types, not "
          + (schema == null ? "schemaless data" : schema.type()));
    }
    org.apache.avro.Schema avro = newestByName.get(schema.name());
    if (avro == null) {
      throw new DataException(topic + ": no record type named " + schema.name() + " in the schema catalog (expected one of "
          + newestByName.keySet().stream().sorted().toList() + ")");
    }
    GenericRecord record = (GenericRecord) ConnectValues.toAvro(avro, value);
    try {
      return encodersByName.computeIfAbsent(avro.getFullName(), name -> new BinaryMessageEncoder<>(GenericData.get(), avro))
          .encode(record).array();
    } catch (IOException | RuntimeException e) {
      throw new DataException(topic + ": cannot encode a " + avro.getName() + ": " + e.getMessage(), e);
    }
  }
}
