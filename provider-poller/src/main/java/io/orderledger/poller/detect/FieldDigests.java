package io.orderledger.poller.detect;

import io.orderledger.events.BulkRecipient;
import io.orderledger.events.OrderSnapshot;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.avro.Schema;

/**
 * A 32-bit digest of every field of a snapshot, each bulk recipient's fields included, kept in the checkpoint (about
 * 150 bytes an order) so that the next change of the order can name the fields it changed without the previous
 * snapshot at hand. The snapshot's {@code updatedAt} is left out when it is only the poll time.
 */
final class FieldDigests {

  private static final List<Schema.Field> ORDER_FIELDS = OrderSnapshot.getClassSchema().getFields().stream()
      .filter(field -> !field.name().equals("bulkRecipients")).toList();
  private static final List<Schema.Field> RECIPIENT_FIELDS = BulkRecipient.getClassSchema().getFields();
  private static final int UPDATED_AT = OrderSnapshot.getClassSchema().getField("updatedAt").pos();

  private FieldDigests() {
  }

  /** The digests, base64: the order's fields in schema order, then each recipient's. */
  static String of(OrderSnapshot snapshot, boolean sourceUpdateTime) {
    List<BulkRecipient> recipients = snapshot.getBulkRecipients() == null ? List.of() : snapshot.getBulkRecipients();
    ByteBuffer digests = ByteBuffer.allocate(4 * (ORDER_FIELDS.size() + recipients.size() * RECIPIENT_FIELDS.size()));
    for (Schema.Field field : ORDER_FIELDS) {
      digests.putInt(!sourceUpdateTime && field.pos() == UPDATED_AT ? 0 : digest(snapshot.get(field.pos())));
    }
    for (BulkRecipient recipient : recipients) {
      for (Schema.Field field : RECIPIENT_FIELDS) {
        digests.putInt(digest(recipient.get(field.pos())));
      }
    }
    return Base64.getEncoder().withoutPadding().encodeToString(digests.array());
  }

  /**
   * The names of the fields whose digests differ: {@code providerRef}, {@code bulkRecipients[1].status}, or
   * {@code bulkRecipients} when recipients were added or removed.
   */
  static List<String> changed(String before, String after) {
    int[] old = decode(before);
    int[] now = decode(after);
    List<String> names = new ArrayList<>();
    int top = ORDER_FIELDS.size();
    for (int i = 0; i < top && i < old.length; i++) {
      if (old[i] != now[i]) {
        names.add(ORDER_FIELDS.get(i).name());
      }
    }
    int oldRecipients = Math.max(0, (old.length - top) / RECIPIENT_FIELDS.size());
    int newRecipients = (now.length - top) / RECIPIENT_FIELDS.size();
    for (int r = 0; r < Math.min(oldRecipients, newRecipients); r++) {
      for (int f = 0; f < RECIPIENT_FIELDS.size(); f++) {
        int at = top + r * RECIPIENT_FIELDS.size() + f;
        if (old[at] != now[at]) {
          names.add("bulkRecipients[" + r + "]." + RECIPIENT_FIELDS.get(f).name());
        }
      }
    }
    if (oldRecipients != newRecipients) {
      names.add("bulkRecipients");
    }
    return names;
  }

  private static int[] decode(String digests) {
    ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(digests));
    int[] values = new int[bytes.remaining() / 4];
    for (int i = 0; i < values.length; i++) {
      values[i] = bytes.getInt();
    }
    return values;
  }

  /** FNV-1a over the value's text: Avro strings, numbers, booleans and enums all print what they hold. */
  private static int digest(Object value) {
    String text = String.valueOf(value);
    int hash = 0x811c9dc5;
    for (int i = 0; i < text.length(); i++) {
      hash = (hash ^ text.charAt(i)) * 0x01000193;
    }
    return hash;
  }
}
