package io.orderledger.events.codec;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

/**
 * Avro single-object encoding of one record type, readable from every version of that type the catalog ships.
 *
 * <p>Wire format (Avro specification, "Single-object encoding"): {@code C3 01}, the 8-byte little-endian
 * CRC-64-AVRO fingerprint of the writer's canonical schema, then the Avro binary body: byte for byte what Avro's
 * {@code BinaryMessageEncoder} writes (a test holds both to it). Both directions are done here rather than through
 * Avro's message classes because those copy every message twice on the way out, decode through an unbuffered stream,
 * and report every failure as the same {@code AvroRuntimeException}; a consumer needs to know <em>which</em> failure
 * it met (see {@link DecodingFailure}), and the ledger encodes several records per event.
 *
 * <p>Thread-safe.
 */
public final class SingleObjectCodec<T extends SpecificRecord> {

  private static final byte MAGIC_0 = (byte) 0xC3;
  private static final byte MAGIC_1 = (byte) 0x01;
  private static final int HEADER_LENGTH = 10;
  private static final ThreadLocal<BinaryDecoder> DECODER = new ThreadLocal<>();
  private static final ThreadLocal<Output> OUTPUT = ThreadLocal.withInitial(Output::new);

  private final String typeName;
  private final Schema readerSchema;
  private final SpecificDatumWriter<T> writer;
  private final byte[] header;
  private final Map<Long, SpecificDatumReader<T>> readersByFingerprint;

  private SingleObjectCodec(Schema readerSchema, List<Schema> writerSchemas) {
    GeneratedClassTrust.install();
    this.typeName = readerSchema.getFullName();
    this.readerSchema = readerSchema;
    this.writer = new SpecificDatumWriter<>(readerSchema);
    this.header = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN)
        .put(MAGIC_0).put(MAGIC_1).putLong(SchemaNormalization.parsingFingerprint64(readerSchema)).array();
    Map<Long, SpecificDatumReader<T>> readers = new HashMap<>();
    for (Schema writer : writerSchemas) {
      readers.put(SchemaNormalization.parsingFingerprint64(writer), new SpecificDatumReader<>(writer, readerSchema));
    }
    readers.put(SchemaNormalization.parsingFingerprint64(readerSchema), new SpecificDatumReader<>(readerSchema));
    this.readersByFingerprint = Map.copyOf(readers);
  }

  /** A codec for a generated class, reading every version of its type in the shipped catalog. */
  public static <T extends SpecificRecord> SingleObjectCodec<T> of(Class<T> type) {
    return of(type, SchemaCatalog.shipped());
  }

  public static <T extends SpecificRecord> SingleObjectCodec<T> of(Class<T> type, SchemaCatalog catalog) {
    Schema readerSchema = SpecificData.get().getSchema(type);
    return new SingleObjectCodec<>(readerSchema, catalog.historyOf(readerSchema.getFullName()));
  }

  /** Fingerprint of the schema this codec writes with. */
  public long writerFingerprint() {
    return SchemaNormalization.parsingFingerprint64(readerSchema);
  }

  public byte[] encode(T record) {
    Output out = OUTPUT.get();
    out.reset();
    out.write(header, 0, HEADER_LENGTH);
    try {
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, out.encoder);
      out.encoder = encoder;
      writer.write(record, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode " + typeName, e);
    }
    return out.toByteArray();
  }

  /** A reusable buffer per thread, so that encoding allocates only the result. */
  private static final class Output extends java.io.ByteArrayOutputStream {
    private BinaryEncoder encoder;

    Output() {
      super(1024);
    }
  }

  /**
   * Reads one record.
   *
   * @param topic where the bytes came from, named in the error so an operator knows where to look
   * @throws EventDecodingException with the {@link DecodingFailure} when the bytes are not a record of this type
   */
  public T decode(String topic, byte[] bytes) {
    if (bytes.length < 2 || bytes[0] != MAGIC_0 || bytes[1] != MAGIC_1) {
      throw failure(topic, DecodingFailure.NOT_SINGLE_OBJECT_ENCODED, "no single-object header in " + bytes.length + " bytes", null);
    }
    if (bytes.length < HEADER_LENGTH) {
      throw failure(topic, DecodingFailure.TRUNCATED, "header cut short at " + bytes.length + " bytes", null);
    }
    long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    SpecificDatumReader<T> reader = readersByFingerprint.get(fingerprint);
    if (reader == null) {
      throw failure(topic, DecodingFailure.UNKNOWN_SCHEMA_FINGERPRINT,
          "fingerprint " + Long.toHexString(fingerprint) + " is not a shipped version of " + typeName, null);
    }
    BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, HEADER_LENGTH, bytes.length - HEADER_LENGTH, DECODER.get());
    DECODER.set(decoder);
    T record;
    try {
      record = reader.read(null, decoder);
    } catch (EOFException e) {
      throw failure(topic, DecodingFailure.TRUNCATED, "body ended early", e);
    } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | NegativeArraySizeException
             | ClassCastException e) {
      // Whatever a corrupt body makes the reader throw, it is a fact about the bytes, not a reason to stop a consumer.
      throw failure(topic, DecodingFailure.CORRUPT, e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
    try {
      if (!decoder.isEnd()) {
        throw failure(topic, DecodingFailure.CORRUPT, "bytes left after the record", null);
      }
    } catch (IOException e) {
      throw failure(topic, DecodingFailure.CORRUPT, "cannot check for trailing bytes", e);
    }
    return record;
  }

  private EventDecodingException failure(String topic, DecodingFailure failure, String detail, Throwable cause) {
    return new EventDecodingException(topic, typeName, failure, detail, cause);
  }
}
