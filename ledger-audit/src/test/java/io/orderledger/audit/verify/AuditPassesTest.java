package io.orderledger.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderledger.events.MovementDirection;
import io.orderledger.events.MovementKind;
import io.orderledger.events.OrderState;
import io.orderledger.events.OrderView;
import io.orderledger.events.WalletEntry;
import io.orderledger.events.fixtures.Events;
import io.orderledger.events.journal.JournalChain;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What {@code --follow} checks at the end of each pass: a published record the rules have no counterpart for is named
 * once its partition is settled (every input there decided), not before, and not again at every later pass.
 */
class AuditPassesTest {

  private final Findings findings = new Findings();
  private final Audit audit = new Audit(Audit.Topics.of("order-events", ""), null, 1, findings, Audit.Found.NOTHING, null);

  @Test
  void givenAViewOfNoOrderExpectItNamedOnceItsPartitionSettles() {
    audit.view(view("partner-a", "never-ordered", 1), Positions.of(0, 5));

    audit.endOfPass(Map.of(0, 0L), partition -> false);
    assertThat(findings.byKind()).as("its inputs may still be on their way").isEmpty();

    audit.endOfPass(Map.of(0, 0L), partition -> true);
    audit.endOfPass(Map.of(0, 0L), partition -> true);
    assertThat(findings.byKind()).containsExactly(Map.entry(Difference.Kind.VIEW_UNEXPECTED, 1L));
  }

  @Test
  void givenAViewPublishedAgainAfterItWasCheckedExpectTheNewOneChecked() {
    audit.view(view("partner-a", "never-ordered", 1), Positions.of(0, 5));
    audit.endOfPass(Map.of(0, 0L), partition -> true);
    // Reported once, and then taken as the order's known view: a later version of it is ahead of that.
    audit.view(view("partner-a", "never-ordered", 3), Positions.of(0, 9));
    audit.endOfPass(Map.of(0, 0L), partition -> true);

    assertThat(findings.byKind()).containsOnly(Map.entry(Difference.Kind.VIEW_UNEXPECTED, 1L), Map.entry(Difference.Kind.VIEW_AHEAD, 1L));
  }

  @Test
  void givenJournalEntriesOfAWalletTheRulesNeverMovedExpectEachNamedOnce() {
    WalletEntry first = entry("partner-a", 1, JournalChain.GENESIS);
    audit.entry(first, Positions.of(0, 1));
    audit.entry(entry("partner-a", 2, first.getHash()), Positions.of(0, 2));

    audit.endOfPass(Map.of(0, 0L), partition -> false);
    assertThat(findings.byKind()).isEmpty();
    audit.endOfPass(Map.of(0, 0L), partition -> true);
    audit.endOfPass(Map.of(0, 0L), partition -> true);

    assertThat(findings.byKind()).containsExactly(Map.entry(Difference.Kind.ENTRY_UNEXPECTED, 2L));
  }

  @Test
  void givenAClaimOfNoOrderExpectItNamedOnceAndALaterOneToo() {
    audit.owner("never-ordered", "partner-a");
    audit.compareOwners();
    audit.compareOwners(); // a --follow pass at rest compares only the claims that moved since
    assertThat(findings.byKind()).containsExactly(Map.entry(Difference.Kind.OWNER_UNEXPECTED, 1L));

    audit.owner("another", "partner-b");
    audit.compareOwners();
    assertThat(findings.byKind()).containsExactly(Map.entry(Difference.Kind.OWNER_UNEXPECTED, 2L));
  }

  private static OrderView view(String partnerId, String orderId, long version) {
    return OrderView.newBuilder()
        .setPartnerId(partnerId)
        .setOrderId(orderId)
        .setVersion(version)
        .setLastEventId(orderId + ":" + version)
        .setFirstSeenAt(1_775_046_434_000L)
        .setOrder(Events.snapshot(orderId, OrderState.PENDING, 425, 1_775_046_434_000L + version).build())
        .setWalletBalanceBeforeMinor(25_000L)
        .setWalletBalanceAfterMinor(24_575L)
        .setRefundedMinor(0)
        .build();
  }

  private static WalletEntry entry(String partnerId, long sequence, String previousHash) {
    WalletEntry entry = WalletEntry.newBuilder()
        .setEntryId("forged/" + sequence)
        .setPartnerId(partnerId)
        .setOrderId("forged")
        .setEventId("forged:" + sequence)
        .setKind(MovementKind.TOP_UP_CREDIT)
        .setDirection(MovementDirection.CREDIT)
        .setAmountMinor(1_000)
        .setCurrency("GHS")
        .setBalanceBeforeMinor(1_000 * (sequence - 1))
        .setBalanceAfterMinor(1_000 * sequence)
        .setSequence(sequence)
        .setOccurredAt(1_775_046_434_454L + sequence)
        .setPreviousHash(previousHash)
        .build();
    entry.setHash(JournalChain.hash(entry.getPreviousHash(), entry));
    return entry;
  }
}
