package io.orderledger.query.read;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque continue cursors: the {@link Cursor} in binary, followed by an HMAC-SHA256 tag (16 bytes), in base64url.
 * A cursor is accepted only unaltered, for the partner and the filters that produced it; anything else is rejected
 * the same way, so a client learns nothing from a forged one. Every instance must share the secret.
 */
public final class CursorCodec {

  private static final byte FORMAT = 1;
  private static final int TAG = 16;
  private final SecretKeySpec key;
  private final ThreadLocal<Mac> macs;

  public CursorCodec(byte[] secret) {
    if (secret.length < 16) {
      throw new IllegalArgumentException("the cursor secret must have at least 16 bytes");
    }
    this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    // Looking up and initialising a Mac costs more than using one: one per thread, reused.
    this.macs = ThreadLocal.withInitial(this::newMac);
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  public String encode(Cursor cursor) {
    byte[] partner = cursor.partnerId().getBytes(StandardCharsets.UTF_8);
    byte[] filters = cursor.filterSignature().getBytes(StandardCharsets.UTF_8);
    byte[] position = cursor.position() == null ? new byte[0] : cursor.position();
    ByteBuffer payload = ByteBuffer.allocate(1 + 8 + 2 + partner.length + 2 + filters.length + position.length)
        .put(FORMAT).putLong(cursor.walkStartedAt())
        .putShort((short) partner.length).put(partner)
        .putShort((short) filters.length).put(filters)
        .put(position);
    byte[] body = payload.array();
    byte[] token = Arrays.copyOf(body, body.length + TAG);
    System.arraycopy(tag(body), 0, token, body.length, TAG);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
  }

  /** The cursor, if the token is one this service issued for this partner and these filters. */
  public Optional<Cursor> decode(String token, String partnerId, String filterSignature) {
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(token);
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
    if (bytes.length < 1 + 8 + 2 + 2 + TAG) {
      return Optional.empty();
    }
    byte[] body = Arrays.copyOf(bytes, bytes.length - TAG);
    byte[] tag = Arrays.copyOfRange(bytes, bytes.length - TAG, bytes.length);
    if (!MessageDigest.isEqual(tag, tag(body))) {
      return Optional.empty();
    }
    ByteBuffer in = ByteBuffer.wrap(body);
    if (in.get() != FORMAT) {
      return Optional.empty();
    }
    long walkStartedAt = in.getLong();
    String partner = text(in);
    String filters = text(in);
    byte[] position = new byte[in.remaining()];
    in.get(position);
    if (!partner.equals(partnerId) || !filters.equals(filterSignature)) {
      return Optional.empty();
    }
    return Optional.of(new Cursor(partner, filters, walkStartedAt, position.length == 0 ? null : position));
  }

  private static String text(ByteBuffer in) {
    byte[] bytes = new byte[in.getShort()];
    in.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private byte[] tag(byte[] body) {
    return Arrays.copyOf(macs.get().doFinal(body), TAG);
  }
}
