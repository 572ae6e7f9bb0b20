package io.orderledger.events.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderledger.events.MovementDirection;
import io.orderledger.events.MovementKind;
import io.orderledger.events.WalletEntry;
import io.orderledger.events.codec.SchemaCatalog;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

/** The hash chain's canonical form is exactly what any Avro library writes from the published v4 schema. */
class JournalChainTest {

  static WalletEntry entry(long sequence, MovementKind kind, long amount, long before, Integer recipient, String previousHash) {
    long after = MovementKinds.direction(kind) == MovementDirection.DEBIT ? before - amount : before + amount;
    return WalletEntry.newBuilder()
        .setEntryId("nc-a/o1/1-abc/" + kind + (recipient == null ? "" : "/" + recipient))
        .setPartnerId("partner-a").setOrderId("o1").setEventId("nc-a/o1/1-abc")
        .setKind(kind).setDirection(MovementKinds.direction(kind)).setAmountMinor(amount).setCurrency("GHS")
        .setBalanceBeforeMinor(before).setBalanceAfterMinor(after).setSequence(sequence).setRecipientIndex(recipient)
        .setOccurredAt(1_775_046_434_454L).setBookedAt(1_775_046_435_000L + sequence).setPreviousHash(previousHash).setHash(null)
        .build();
  }

  @Test
  void theCanonicalBytesAreAvrosOwnEncodingOfTheV4SchemaWithoutTheHash() throws Exception {
    Schema v4 = SchemaCatalog.shipped().versions().get(3).type(WalletEntry.getClassSchema().getFullName()).orElseThrow();
    for (WalletEntry entry : new WalletEntry[] {
        entry(1, MovementKind.TOP_UP_CREDIT, 5_000_000, 0, null, JournalChain.GENESIS),
        entry(7, MovementKind.BULK_RECIPIENT_REFUND, 425, 100, 2, "ab".repeat(32)),
        entry(9, MovementKind.ADJUSTMENT_CREDIT, 3, -50, null, null)}) {
      WalletEntry withHash = WalletEntry.newBuilder(entry).setHash("ff".repeat(32)).build();

      assertThat(JournalChain.canonicalBytes(withHash)).isEqualTo(genericEncoding(v4, entry));
    }
  }

  @Test
  void theHashIsSha256OfThePreviousHashBytesAndTheCanonicalBytes() throws Exception {
    WalletEntry first = entry(1, MovementKind.ORDER_DEBIT, 425, 25_000, null, JournalChain.GENESIS);
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update(new byte[32]);
    sha.update(JournalChain.canonicalBytes(first));

    assertThat(JournalChain.hash(JournalChain.GENESIS, first)).isEqualTo(HexFormat.of().formatHex(sha.digest())).hasSize(64);
  }

  @Test
  void everyFieldIsCovered() {
    WalletEntry entry = entry(3, MovementKind.SALE_CREDIT, 20_000, 10, null, "01".repeat(32));
    String hash = JournalChain.hash(entry.getPreviousHash(), entry);

    assertThat(JournalChain.hash(entry.getPreviousHash(), WalletEntry.newBuilder(entry).setAmountMinor(20_001).build())).isNotEqualTo(hash);
    assertThat(JournalChain.hash(entry.getPreviousHash(), WalletEntry.newBuilder(entry).setOrderId("o2").build())).isNotEqualTo(hash);
    assertThat(JournalChain.hash(entry.getPreviousHash(), WalletEntry.newBuilder(entry).setBookedAt(1).build())).isNotEqualTo(hash);
    assertThat(JournalChain.hash("02".repeat(32), entry)).isNotEqualTo(hash);
  }

  private static byte[] genericEncoding(Schema schema, WalletEntry entry) throws Exception {
    GenericRecord record = new GenericData.Record(schema);
    for (Schema.Field field : schema.getFields()) {
      Object value = entry.get(field.name());
      if (value instanceof Enum<?> symbol) {
        Schema enumSchema = field.schema();
        value = new GenericData.EnumSymbol(enumSchema, symbol.name());
      }
      record.put(field.name(), field.name().equals("hash") ? null : value);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }
}
