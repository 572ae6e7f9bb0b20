package io.orderledger.query.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CursorCodecTest {

  private final CursorCodec codec = new CursorCodec("a-secret-of-thirty-two-bytes....".getBytes(StandardCharsets.UTF_8));
  private final Cursor cursor = new Cursor("partner-a", "types=all;state=any", 1_775_046_434_454L, new byte[] {0, 1, 2, 'o', '1'});

  @Test
  void roundTripsForTheSamePartnerAndFilters() {
    Cursor decoded = codec.decode(codec.encode(cursor), "partner-a", "types=all;state=any").orElseThrow();

    assertThat(decoded.walkStartedAt()).isEqualTo(cursor.walkStartedAt());
    assertThat(decoded.position()).isEqualTo(cursor.position());
  }

  @Test
  void isOpaqueUrlSafeText() {
    assertThat(codec.encode(cursor)).matches("[A-Za-z0-9_-]+");
  }

  @Test
  void refusesAnotherPartnersCursor() {
    assertThat(codec.decode(codec.encode(cursor), "partner-b", "types=all;state=any")).isEmpty();
  }

  @Test
  void refusesACursorReusedWithOtherFilters() {
    assertThat(codec.decode(codec.encode(cursor), "partner-a", "types=[DATA];state=any")).isEmpty();
  }

  @Test
  void refusesAnyTamperingAndGarbage() {
    byte[] bytes = Base64.getUrlDecoder().decode(codec.encode(cursor));
    for (int i = 0; i < bytes.length; i++) {
      byte[] tampered = bytes.clone();
      tampered[i] ^= 0x01;
      assertThat(codec.decode(Base64.getUrlEncoder().withoutPadding().encodeToString(tampered), "partner-a", "types=all;state=any"))
          .as("flipped bit in byte %d", i).isEmpty();
    }
    assertThat(codec.decode("not a cursor!", "partner-a", "types=all;state=any")).isEmpty();
    assertThat(codec.decode("", "partner-a", "types=all;state=any")).isEmpty();
    assertThat(codec.decode("AAAA", "partner-a", "types=all;state=any")).isEmpty();
  }

  @Test
  void refusesACursorSignedWithAnotherSecret() {
    CursorCodec other = new CursorCodec("another-secret-of-32-bytes......".getBytes(StandardCharsets.UTF_8));

    assertThat(other.decode(codec.encode(cursor), "partner-a", "types=all;state=any")).isEmpty();
  }
}
