package io.orderledger.ledger.topology;

import static io.orderledger.events.OrderState.COMPLETED;
import static io.orderledger.events.OrderState.PENDING;
import static io.orderledger.events.OrderState.PROCESSING;
import static io.orderledger.events.fixtures.Events.event;
import static io.orderledger.events.fixtures.Events.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderledger.events.DecisionKind;
import io.orderledger.events.LedgerDecisionRecord;
import io.orderledger.events.MovementKind;
import io.orderledger.events.OrderEvent;
import io.orderledger.events.OrderType;
import io.orderledger.events.OrderView;
import io.orderledger.events.RejectReason;
import io.orderledger.events.RejectedEvent;
import io.orderledger.events.WalletEntry;
import io.orderledger.events.fixtures.Events;
import io.orderledger.events.topic.OrderKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LedgerTopologyTest {

  private static final String A = "partner-a";
  private static final String B = "partner-b";
  private final LedgerDriver ledger = new LedgerDriver();

  @AfterEach
  void close() {
    ledger.close();
  }

  private static OrderEvent topUp(String partner, String id, long amount, long at) {
    return Events.event(partner, snapshot(id, COMPLETED, amount, at).setOrderType(OrderType.TOP_UP).build(), null);
  }

  @Test
  void givenALifecycleExpectAViewPerEventAndOneDebitWithItsBalances() {
    ledger.send(topUp(A, "t1", 25_000, 1),
        event(A, "o1", null, PENDING, 425, 10),
        event(A, "o1", PENDING, PROCESSING, 425, 11),
        event(A, "o1", PROCESSING, COMPLETED, 425, 12));

    List<KeyValue<OrderKey, OrderView>> views = ledger.views.readKeyValuesToList();
    assertThat(views).extracting(kv -> kv.key.asText()).containsExactly("partner-a/t1", "partner-a/o1", "partner-a/o1", "partner-a/o1");
    OrderView last = views.get(3).value;
    assertThat(last.getOrder().getState()).isEqualTo(COMPLETED);
    assertThat(last.getVersion()).isEqualTo(3);
    assertThat(last.getWalletBalanceBeforeMinor()).isEqualTo(25_000L);
    assertThat(last.getWalletBalanceAfterMinor()).isEqualTo(24_575L);

    List<KeyValue<String, WalletEntry>> journal = ledger.journal.readKeyValuesToList();
    assertThat(journal).extracting(kv -> kv.key).containsOnly(A);
    assertThat(journal).extracting(kv -> kv.value.getKind()).containsExactly(MovementKind.TOP_UP_CREDIT, MovementKind.ORDER_DEBIT);
    assertThat(ledger.rejects.isEmpty()).isTrue();
    assertThat(ledger.balance(A, "GHS")).isEqualTo(24_575);
  }

  @Test
  void givenGarbageExpectARejectThatKeepsTheBytesAndTheStreamGoesOn() {
    byte[] garbage = "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8);
    byte[] truncated = Arrays.copyOf(LedgerDriver.SERDES.orderEvent().serialize("t", event(A, "o1", null, PENDING, 425, 10)), 30);

    ledger.sendRaw(A, garbage);
    ledger.sendRaw(A, truncated);
    ledger.sendRaw(A, null);
    ledger.send(event(A, "o2", null, PENDING, 425, 10));

    List<RejectedEvent> rejects = ledger.rejects.readValuesToList();
    assertThat(rejects).extracting(RejectedEvent::getReason).containsOnly(RejectReason.UNDECODABLE).hasSize(3);
    assertThat(rejects.get(0).getPayload()).isEqualTo(ByteBuffer.wrap(garbage));
    assertThat(rejects.get(0).getDetail()).contains("NOT_SINGLE_OBJECT_ENCODED");
    assertThat(rejects.get(1).getDetail()).contains("TRUNCATED");
    assertThat(rejects.get(0).getSourceTopic()).isEqualTo("order-events");
    assertThat(rejects.get(0).getSourceOffset()).isZero();
    assertThat(ledger.views.readKeyValuesToList()).extracting(kv -> kv.key.orderId()).containsExactly("o2");
  }

  @Test
  void givenASourcesCorrectionExpectARejectAndNoNewView() {
    ledger.send(event(A, "o1", null, COMPLETED, 425, 10), event(A, "o1", COMPLETED, PENDING, 425, 11));

    assertThat(ledger.views.readValuesToList()).hasSize(1);
    assertThat(ledger.rejects.readValuesToList()).singleElement().satisfies(r -> {
      assertThat(r.getReason()).isEqualTo(RejectReason.SOURCE_CORRECTION);
      assertThat(r.getEvent().getState()).isEqualTo(PENDING);
    });
    assertThat(ledger.orders().get("o1").getState()).isEqualTo(COMPLETED);
  }

  @Test
  void givenARedeliveryExpectNothingButACount() {
    OrderEvent e = event(A, "o1", null, PENDING, 425, 10);
    ledger.send(e, OrderEvent.newBuilder(e).setObservedAt(e.getObservedAt() + 5_000).build());

    assertThat(ledger.views.readValuesToList()).hasSize(1);
    assertThat(ledger.journal.readValuesToList()).hasSize(1);
    assertThat(ledger.rejects.isEmpty()).isTrue();
    assertThat(ledger.metrics.decided).containsEntry(DecisionKind.DUPLICATE, 1L);
    assertThat(ledger.decisions.readValuesToList()).extracting(LedgerDecisionRecord::getDecision)
        .containsExactly(DecisionKind.APPLIED, DecisionKind.DUPLICATE);
  }

  @Test
  void givenAnOrderIdClaimedByAnotherPartnerExpectARejectAndNoCharge() {
    ledger.send(event(A, "shared-1", null, PENDING, 425, 10));
    ledger.ownerClaims.pipeInput(claim("shared-2", A, true)); // claimed by another instance of the ledger

    ledger.send(event(B, "shared-1", null, PENDING, 999, 11), event(B, "shared-2", null, PENDING, 999, 11));

    assertThat(ledger.rejects.readValuesToList()).extracting(RejectedEvent::getReason)
        .containsExactly(RejectReason.ORDER_OWNED_BY_ANOTHER_PARTNER, RejectReason.ORDER_OWNED_BY_ANOTHER_PARTNER);
    assertThat(ledger.balance(B, "GHS")).isZero();
  }

  @Test
  void givenAClaimTheLedgerDidNotSealExpectItIgnored() {
    ledger.ownerClaims.pipeInput(claim("taken-1", A, false)); // produced to order-owners by someone else

    ledger.send(event(B, "taken-1", null, PENDING, 999, 11));

    assertThat(ledger.rejects.isEmpty()).isTrue();
    assertThat(ledger.balance(B, "GHS")).isEqualTo(-999);
  }

  private static org.apache.kafka.streams.test.TestRecord<String, String> claim(String orderId, String partner, boolean sealed) {
    org.apache.kafka.common.header.internals.RecordHeaders headers = new org.apache.kafka.common.header.internals.RecordHeaders();
    if (sealed) {
      LedgerDriver.SEAL.mac().seal(headers, partner.getBytes(StandardCharsets.UTF_8));
    }
    return new org.apache.kafka.streams.test.TestRecord<>(orderId, partner, headers, 0L);
  }

  @Test
  void everyPublishedRecordCarriesTheLedgersSeal() {
    ledger.send(topUp(A, "t1", 25_000, 1), event(A, "o1", null, PENDING, 425, 10));

    var view = ledger.views.readRecordsToList().get(0);
    assertThat(LedgerDriver.SEAL.mac().verifies(view.headers(), LedgerDriver.SERDES.orderView().serialize("", view.value()))).isTrue();
    for (var entry : ledger.journal.readRecordsToList()) {
      assertThat(LedgerDriver.SEAL.mac().verifies(entry.headers(), LedgerDriver.SERDES.walletEntry().serialize("", entry.value()))).isTrue();
    }
    var decision = ledger.decisions.readRecordsToList().get(0);
    assertThat(LedgerDriver.SEAL.mac().verifies(decision.headers(), LedgerDriver.SERDES.ledgerDecision().serialize("", decision.value())))
        .isTrue();
    assertThat(LedgerDriver.SEAL.mac().verifies(decision.headers(), "something else".getBytes(StandardCharsets.UTF_8))).isFalse();
  }

  @Test
  void everyFifthEntryOfAWalletAndEveryTenSecondsOfAMovedWalletAreSignedCheckpoints() {
    for (int i = 1; i <= 6; i++) {
      ledger.send(event(A, "c" + i, null, PENDING, 100, 10 + i));
    }
    var signed = ledger.checkpoints.readValuesToList();
    assertThat(signed).singleElement().satisfies(c -> {
      assertThat(c.getPartnerId()).isEqualTo(A);
      assertThat(c.getSequence()).isEqualTo(5);
      assertThat(c.getBalanceMinor()).isEqualTo(-500);
      assertThat(c.getHash()).isEqualTo(ledger.journal.readValuesToList().get(4).getHash());
      assertThat(verifies(c)).as("the Ed25519 signature, checked with the public key alone").isTrue();
    });
    ledger.driver.advanceWallClockTime(java.time.Duration.ofSeconds(11));
    assertThat(ledger.checkpoints.readValuesToList()).singleElement().satisfies(c -> {
      assertThat(c.getSequence()).as("the sixth entry, by the clock").isEqualTo(6);
      assertThat(verifies(c)).isTrue();
    });
    ledger.driver.advanceWallClockTime(java.time.Duration.ofSeconds(11));
    assertThat(ledger.checkpoints.isEmpty()).as("nothing moved since").isTrue();
  }

  private static boolean verifies(io.orderledger.events.LedgerCheckpoint c) {
    try {
      java.security.Signature signature = java.security.Signature.getInstance("Ed25519");
      signature.initVerify(java.security.KeyFactory.getInstance("Ed25519").generatePublic(new java.security.spec.X509EncodedKeySpec(
          java.util.Base64.getDecoder().decode(io.orderledger.testing.keys.TestKeys.CHECKPOINT_PUBLIC))));
      signature.update(("order-ledger checkpoint v1\n" + c.getPartnerId() + "\n" + c.getCurrency() + "\n" + c.getSequence() + "\n"
          + c.getHash() + "\n" + c.getBalanceMinor() + "\n" + c.getBookedAt() + "\n" + c.getSignedAt() + "\n").getBytes(StandardCharsets.UTF_8));
      return signature.verify(java.util.Base64.getDecoder().decode(c.getSignature()));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void givenANewOrderExpectAnOwnershipClaimOnce() {
    ledger.send(event(A, "o1", null, PENDING, 425, 10), event(A, "o1", PENDING, COMPLETED, 425, 11));

    assertThat(ledger.owners.readKeyValuesToList()).containsExactly(KeyValue.pair("o1", A));
  }

  @Test
  void givenSeed000sExampleExpectADiscrepancyRecordAndComputedBalances() {
    ledger.send(topUp(A, "t1", 25_000, 1), Events.event(A, snapshot("kh72y10adpkj8kr1bbrgcgnvcd841w5g", PROCESSING, 425, 1775046435554L)
        .setSourceWalletBalanceBeforeMinor(25_000L).setSourceWalletBalanceAfterMinor(24_610L).build(), null));

    assertThat(ledger.discrepancies.readKeyValuesToList()).singleElement().satisfies(kv -> {
      assertThat(kv.key).isEqualTo(A);
      assertThat(kv.value.getComputedBalanceAfterMinor()).isEqualTo(24_575L);
      assertThat(kv.value.getSourceBalanceAfterMinor()).isEqualTo(24_610L);
    });
    assertThat(ledger.balance(A, "GHS")).isEqualTo(24_575);
  }

  @Test
  void givenPartnersInterleavedExpectSeparateWallets() {
    ledger.send(topUp(A, "ta", 1_000, 1), topUp(B, "tb", 2_000, 1),
        event(A, "oa", null, PENDING, 100, 2), event(B, "ob", null, PENDING, 300, 2));

    assertThat(ledger.balance(A, "GHS")).isEqualTo(900);
    assertThat(ledger.balance(B, "GHS")).isEqualTo(1_700);
  }

  @Test
  void everyStoreAndNodeIsNamedAndThereIsOneSubTopology() {
    TopologyDescription description = LedgerTopology.build(LedgerDriver.TOPICS, LedgerDriver.SERDES, LedgerMetrics.none(), LedgerDriver.SEAL).describe();

    assertThat(description.subtopologies()).hasSize(1);
    assertThat(description.globalStores()).hasSize(1);
    Set<String> stores = description.subtopologies().iterator().next().nodes().stream()
        .filter(n -> n instanceof TopologyDescription.Processor)
        .flatMap(n -> ((TopologyDescription.Processor) n).stores().stream()).collect(java.util.stream.Collectors.toSet());
    assertThat(stores).containsExactlyInAnyOrder(LedgerStores.ORDERS, LedgerStores.WALLETS);
  }

  @Test
  void viewsGoToTheirPartnersPartition() {
    PartnerPartitioner partitioner = new PartnerPartitioner();
    OrderKey key = new OrderKey(A, "o1");

    assertThat(partitioner.partitions("order-views", key, null, 12)).isEqualTo(Optional.of(Set.of(
        io.orderledger.events.topic.PartnerId.partitionOf(A, 12))));
  }

  @Test
  void givenEveryKindOfInputExpectOneDecisionEachSaveForUndecodableBytes() {
    ledger.send(topUp(A, "t1", 25_000, 1),
        event(A, "o1", null, PENDING, 425, 10),
        event(A, "o1", PENDING, COMPLETED, 425, 20),
        event(A, "o1", COMPLETED, PENDING, 425, 21),   // the source's correction
        event(A, "o1", PENDING, PROCESSING, 425, 15)); // older than the last change
    ledger.send(event(A, "o1", PENDING, COMPLETED, 425, 20)); // a re-delivery
    ledger.sendRaw(A, "garbage".getBytes(StandardCharsets.UTF_8));

    List<KeyValue<String, LedgerDecisionRecord>> decisions = ledger.decisions.readKeyValuesToList();
    assertThat(decisions).extracting(kv -> kv.key).containsOnly(A);
    assertThat(decisions).extracting(kv -> kv.value.getDecision()).containsExactly(DecisionKind.APPLIED, DecisionKind.APPLIED,
        DecisionKind.APPLIED, DecisionKind.REJECTED, DecisionKind.STALE, DecisionKind.DUPLICATE);
    assertThat(decisions).extracting(kv -> kv.value.getInputOffset()).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);

    LedgerDecisionRecord debit = decisions.get(1).value;
    assertThat(debit.getStateBefore()).isNull();
    assertThat(debit.getStateAfter()).isEqualTo(PENDING);
    assertThat(debit.getVersionBefore()).isZero();
    assertThat(debit.getVersionAfter()).isEqualTo(1);
    assertThat(debit.getMovements()).singleElement().satisfies(m -> {
      assertThat(m.getKind()).isEqualTo(MovementKind.ORDER_DEBIT);
      assertThat(m.getBalanceBeforeMinor()).isEqualTo(25_000);
      assertThat(m.getBalanceAfterMinor()).isEqualTo(24_575);
      assertThat(m.getSequence()).isEqualTo(2);
      assertThat(m.getHash()).isEqualTo(ledger.journal.readValuesToList().get(1).getHash());
    });
    LedgerDecisionRecord invalid = decisions.get(3).value;
    assertThat(invalid.getRejectReason()).isEqualTo(RejectReason.SOURCE_CORRECTION);
    assertThat(invalid.getStateBefore()).isEqualTo(COMPLETED);
    assertThat(invalid.getStateAfter()).isEqualTo(COMPLETED);
    assertThat(invalid.getEventState()).isEqualTo(PENDING);
    assertThat(invalid.getVersionAfter()).isEqualTo(invalid.getVersionBefore()).isEqualTo(2);
    assertThat(decisions.get(4).value.getRejectReason()).isEqualTo(RejectReason.STALE_EVENT);
    assertThat(ledger.rejects.readValuesToList()).extracting(RejectedEvent::getReason)
        .containsExactly(RejectReason.SOURCE_CORRECTION, RejectReason.STALE_EVENT, RejectReason.UNDECODABLE);
  }

  @Test
  void decisionsGoToTheirPartnersPartitionLikeTheViews() {
    assertThat(io.orderledger.events.topic.PartnerId.partitionOf(A, 12)).isEqualTo(
        org.apache.kafka.common.utils.Utils.toPositive(org.apache.kafka.common.utils.Utils.murmur2(A.getBytes(StandardCharsets.UTF_8))) % 12);
  }
}
