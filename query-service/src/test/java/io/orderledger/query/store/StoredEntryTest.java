package io.orderledger.query.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderledger.events.journal.JournalVerifier;
import io.orderledger.query.model.JsonRenderer;
import io.orderledger.query.model.StatementEntryDto;
import java.math.BigDecimal;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A journal line keeps its numbers as numbers, and a line stored before it did is still read the same. */
class StoredEntryTest {

  private static final byte[] JSON = JsonRenderer.render(new StatementEntryDto(7, "order_debit", "debit", new BigDecimal("4.25"), "GHS",
      new BigDecimal("250.35"), new BigDecimal("246.10"), "o-ñ-1", "e1", "n1", null, 1_000L, 2_000L, "a".repeat(64), "b".repeat(64), "ok"));

  @Test
  void format2KeepsTheBalanceTheTimeTheOrderAndTheHashBesideTheJsonServedAsItIs() {
    byte[] stored = new StoredEntry(2_000L, null, 24_610L, 1_000L, "o-ñ-1", "b".repeat(64), JSON).encode();

    StoredEntry line = StoredEntry.decode(stored);
    assertThat(line.balanceAfterMinor()).isEqualTo(24_610L);
    assertThat(line.occurredAt()).isEqualTo(1_000L);
    assertThat(line.orderId()).isEqualTo("o-ñ-1");
    assertThat(line.hash()).isEqualTo("b".repeat(64));
    assertThat(line.json()).isEqualTo(JSON);
    assertThat(Arrays.copyOfRange(stored, StoredEntry.jsonOffset(stored), stored.length)).isEqualTo(JSON);
  }

  @Test
  void aFormat1LineFromAnOlderChangelogReadsTheSame() {
    byte[] stored = StoredEntry.encodeFormat1(2_000L, JournalVerifier.Problem.HASH, JSON);

    StoredEntry line = StoredEntry.decode(stored);
    assertThat(line).usingRecursiveComparison().ignoringFields("problem")
        .isEqualTo(new StoredEntry(2_000L, null, 24_610L, 1_000L, "o-ñ-1", "b".repeat(64), JSON));
    assertThat(line.problem()).isEqualTo(JournalVerifier.Problem.HASH);
    assertThat(Arrays.copyOfRange(stored, StoredEntry.jsonOffset(stored), stored.length)).isEqualTo(JSON);
  }
}
