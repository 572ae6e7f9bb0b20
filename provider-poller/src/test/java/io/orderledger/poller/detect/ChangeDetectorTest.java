package io.orderledger.poller.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderledger.events.MoneyFlow;
import io.orderledger.events.OrderEvent;
import io.orderledger.events.OrderSnapshot;
import io.orderledger.events.OrderState;
import io.orderledger.events.OrderType;
import io.orderledger.events.RejectReason;
import io.orderledger.events.SourceRecord;
import io.orderledger.poller.capture.Capture;
import io.orderledger.poller.capture.CapturedOrder;
import io.orderledger.poller.capture.Sha256;
import io.orderledger.poller.checkpoint.Checkpoint;
import io.orderledger.poller.mapping.Observation;
import io.orderledger.poller.paging.ListDirection;
import io.orderledger.poller.paging.Listing;
import io.orderledger.poller.paging.PageMark;
import io.orderledger.poller.sources.SupportedSources;
import io.orderledger.poller.source.SourceConfig;
import io.orderledger.poller.source.UpstreamReject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChangeDetectorTest {

  private static final SourceConfig SOURCE = new SourceConfig("nc", SupportedSources.NETCONNECT, URI.create("http://127.0.0.1:1"),
      "partner-a", "k", null, 100, Duration.ofSeconds(10));
  private final ChangeDetector detector = new ChangeDetector(SOURCE);

  /** An order as captured; {@code providerRef} stands for any field that can change inside a state. */
  private static CapturedOrder order(String id, OrderState state, long createdAt, long updatedAt, String providerRef) {
    OrderSnapshot snapshot = OrderSnapshot.newBuilder().setOrderId(id).setCreatedAt(createdAt).setUpdatedAt(updatedAt)
        .setAmountMinor(425L).setCurrency("GHS").setState(state).setOrderType(OrderType.DATA).setProviderRef(providerRef).build();
    String json = "{\"_id\":\"" + id + "\",\"providerRef\":" + (providerRef == null ? "null" : "\"" + providerRef + "\"")
        + ",\"state\":\"" + state.name().toLowerCase() + "\",\"updatedAt\":" + updatedAt + "}";
    SourceRecord record = SourceRecord.newBuilder().setSystem("netconnect").setNativeId(id).setNativeStatus(state.name().toLowerCase())
        .setSourceUpdatedAt(updatedAt).setJson(json).setSha256(Sha256.hex(json)).setRedactedFields(List.of()).build();
    return new CapturedOrder(new Observation(id, id, state.name().toLowerCase(), createdAt, updatedAt, snapshot), json.hashCode(), record);
  }

  private static CapturedOrder order(String id, OrderState state, long createdAt, long updatedAt) {
    return order(id, state, createdAt, updatedAt, null);
  }

  private static final Listing COMPLETE = new Listing(List.of(), List.of(), null, 1, ListDirection.NEWEST_FIRST, List.of());

  private static Capture captured(CapturedOrder... orders) {
    return new Capture(List.of(orders), List.of(), 0, null, 0);
  }

  private ChangeDetector.Outcome detect(Checkpoint checkpoint, CapturedOrder... orders) {
    return detector.detect(checkpoint, COMPLETE, captured(orders), 5);
  }

  @Test
  void aNewOrderIsAnEventWithItsSourceRecordAndSeeingItAgainIsNothing() {
    CapturedOrder first = order("o1", OrderState.PENDING, 1_000, 1_000);
    ChangeDetector.Outcome outcome = detect(Checkpoint.initial("nc"), first);

    assertThat(outcome.events()).singleElement().satisfies(event -> {
      assertThat(event.getEventId()).isEqualTo("nc/o1/1-" + first.sourceRecord().getSha256().substring(0, 16));
      assertThat(event.getPreviousState()).isNull();
      assertThat(event.getChangedFields()).isEmpty();
      assertThat(event.getSourceRecord()).isEqualTo(first.sourceRecord());
      assertThat(event.getMoneyFlow()).isEqualTo(MoneyFlow.PURCHASE);
    });
    ChangeDetector.Outcome again = detect(outcome.next(), order("o1", OrderState.PENDING, 1_000, 1_000));
    assertThat(again.events()).isEmpty();
    assertThat(again.checkpointChanged()).isFalse();
  }

  @Test
  void aChangeInsideAStateIsAnEventNamingTheFieldsThatChanged() {
    Checkpoint seen = detect(Checkpoint.initial("nc"), order("o1", OrderState.PROCESSING, 1_000, 1_000)).next();

    ChangeDetector.Outcome outcome = detect(seen, order("o1", OrderState.PROCESSING, 1_000, 1_500, "PRV-1"));

    assertThat(outcome.events()).singleElement().satisfies(event -> {
      assertThat(event.getPreviousState()).isEqualTo(OrderState.PROCESSING);
      assertThat(event.getState()).isEqualTo(OrderState.PROCESSING);
      assertThat(event.getChangedFields()).containsExactly("updatedAt", "providerRef");
      assertThat(event.getEventId()).startsWith("nc/o1/2-");
    });
  }

  @Test
  void aStateChangeCarriesThePreviousStateAndALaggingCopyIsIgnored() {
    Checkpoint seen = detect(Checkpoint.initial("nc"), order("o1", OrderState.PENDING, 1_000, 1_000)).next();
    ChangeDetector.Outcome completed = detect(seen, order("o1", OrderState.COMPLETED, 1_000, 2_000));
    assertThat(completed.events()).singleElement().satisfies(event -> {
      assertThat(event.getPreviousState()).isEqualTo(OrderState.PENDING);
      assertThat(event.getChangedFields()).contains("state", "updatedAt");
      assertThat(event.getOccurredAt()).isEqualTo(2_000);
    });
    ChangeDetector.Outcome lagging = detect(completed.next(), order("o1", OrderState.PROCESSING, 1_000, 1_500));
    assertThat(lagging.events()).as("a copy older, by the source's update time, than the one recorded is no change").isEmpty();
    assertThat(lagging.staleCopies()).as("and it is counted").isEqualTo(1);
  }

  @Test
  void aSourceCorrectingAStateBackwardsIsAnEventForTheLedgerToDecide() {
    Checkpoint seen = detect(Checkpoint.initial("nc"), order("o1", OrderState.COMPLETED, 1_000, 2_000)).next();

    ChangeDetector.Outcome corrected = detect(seen, order("o1", OrderState.PROCESSING, 1_000, 3_000));

    assertThat(corrected.events()).singleElement().satisfies(event -> {
      assertThat(event.getPreviousState()).isEqualTo(OrderState.COMPLETED);
      assertThat(event.getState()).isEqualTo(OrderState.PROCESSING);
      assertThat(event.getChangedFields()).contains("state");
    });
    assertThat(corrected.staleCopies()).isZero();
    assertThat(detect(corrected.next(), order("o1", OrderState.COMPLETED, 1_000, 4_000)).events())
        .as("and the source putting it forward again is the next event").singleElement()
        .satisfies(event -> assertThat(event.getPreviousState()).isEqualTo(OrderState.PROCESSING));
  }

  @Test
  void anOrderThatChangesBackToAnEarlierRecordStillGetsANewEventId() {
    Checkpoint one = detect(Checkpoint.initial("nc"), order("o1", OrderState.PROCESSING, 1_000, 1_000, null)).next();
    ChangeDetector.Outcome two = detect(one, order("o1", OrderState.PROCESSING, 1_000, 1_000, "PRV-1"));
    ChangeDetector.Outcome three = detect(two.next(), order("o1", OrderState.PROCESSING, 1_000, 1_000, null));

    assertThat(three.events()).singleElement().satisfies(event -> assertThat(event.getEventId()).startsWith("nc/o1/3-"));
    assertThat(three.events().get(0).getEventId()).isNotEqualTo(one.known().get("o1").recordSha());
  }

  @Test
  void aChangeOnlyTheSourceRecordShowsIsNamedSourceRecord() {
    Checkpoint seen = detect(Checkpoint.initial("nc"), order("o1", OrderState.PENDING, 1_000, 1_000)).next();
    CapturedOrder same = order("o1", OrderState.PENDING, 1_000, 1_000);
    String json = same.sourceRecord().getJson().replace("}", ",\"statusMessage\":\"Provisioning\"}");
    CapturedOrder recordOnly = new CapturedOrder(same.observation(), 7L,
        SourceRecord.newBuilder(same.sourceRecord()).setJson(json).setSha256(Sha256.hex(json)).build());

    assertThat(detect(seen, recordOnly).events()).singleElement()
        .satisfies(event -> assertThat(event.getChangedFields()).containsExactly("sourceRecord"));
  }

  @Test
  void settledOrdersLeaveTheWindowAndAreNotNewWhenSeenAgain() {
    Checkpoint checkpoint = detect(Checkpoint.initial("nc"),
        order("old", OrderState.COMPLETED, 1_000, 1_000), order("stuck", OrderState.PENDING, 1_500, 1_500)).next();
    ChangeDetector.Outcome later = detect(checkpoint, order("new", OrderState.PENDING, 20_000, 20_000));

    assertThat(later.next().known()).containsOnlyKeys("stuck", "new");
    assertThat(later.next().window().since()).as("an open order keeps the window open").isEqualTo(1_500);
    assertThat(detect(later.next(), order("old", OrderState.COMPLETED, 1_000, 1_000)).events()).isEmpty();
  }

  @Test
  void aRescanThatFindsNothingKeepsTheCheckpointsOrdersAsTheyWere() {
    Checkpoint checkpoint = detect(Checkpoint.initial("nc"),
        order("a", OrderState.PENDING, 1_000, 1_000), order("b", OrderState.COMPLETED, 1_200, 1_200)).next();

    ChangeDetector.Outcome rescan = detect(checkpoint);

    assertThat(rescan.checkpointChanged()).isFalse();
    assertThat(rescan.next()).isEqualTo(checkpoint);
    assertThat(rescan.next().known()).as("not copied: a rescan of an unchanged window").isSameAs(checkpoint.known());
  }

  @Test
  void aScanThatChangesOrdersLeavesTheLastCheckpointUntouched() {
    Checkpoint checkpoint = detect(Checkpoint.initial("nc"), order("old", OrderState.COMPLETED, 1_000, 1_000)).next();

    Checkpoint next = detect(checkpoint, order("new", OrderState.PENDING, 20_000, 20_000)).next();

    assertThat(next.known()).containsOnlyKeys("new");
    assertThat(checkpoint.known()).containsOnlyKeys("old");
    // An incomplete scan's checkpoint is never pruned; the next complete one prunes it even when it captured nothing.
    Checkpoint unpruned = detector.detect(checkpoint, new Listing(List.of(), List.of(), "page 2 failed", 1, ListDirection.NEWEST_FIRST,
        List.of()), captured(order("new", OrderState.PENDING, 20_000, 20_000)), 6).next();
    assertThat(unpruned.known()).containsOnlyKeys("old", "new");
    ChangeDetector.Outcome complete = detect(unpruned);
    assertThat(complete.next().known()).containsOnlyKeys("new");
    assertThat(complete.checkpointChanged()).isTrue();
    assertThat(unpruned.known()).containsOnlyKeys("old", "new");
  }

  @Test
  void anIncompleteScanEmitsWhatItSawButDoesNotMoveTheWindow() {
    Checkpoint checkpoint = detect(Checkpoint.initial("nc"), order("a", OrderState.COMPLETED, 1_000, 1_000)).next();
    Listing partial = new Listing(List.of(), List.of(), "page 2 failed", 1, ListDirection.NEWEST_FIRST, List.of());

    ChangeDetector.Outcome outcome = detector.detect(checkpoint, partial, captured(order("b", OrderState.PENDING, 50_000, 50_000)), 6);

    assertThat(outcome.events()).extracting(OrderEvent::getOrderId).containsExactly("b");
    assertThat(outcome.next().window()).isEqualTo(checkpoint.window());
    assertThat(outcome.next().known()).containsKeys("a", "b");
  }

  @Test
  void anOldestFirstListingResumesAtTheLastPageThatBeganBeforeTheWindow() {
    Listing oldestFirst = new Listing(List.of(), List.of(), null, 3, ListDirection.OLDEST_FIRST,
        List.of(new PageMark(null, 1_000), new PageMark("c2", 1_400), new PageMark("c3", 1_600)));

    Checkpoint next = detector.detect(Checkpoint.initial("nc"), oldestFirst,
        captured(order("done", OrderState.COMPLETED, 1_000, 1_000), order("open", OrderState.PENDING, 1_500, 1_500)), 5).next();

    assertThat(next.window().since()).isEqualTo(1_000);
    assertThat(next.window().direction()).isEqualTo(ListDirection.OLDEST_FIRST);
    assertThat(next.window().resume()).as("page 1 began before the window's start").isNull();
    Checkpoint later = detector.detect(next, oldestFirst, captured(order("late", OrderState.PENDING, 12_000, 12_000)), 6).next();
    assertThat(later.window().since()).isEqualTo(1_500);
    assertThat(later.window().resume()).isEqualTo("c2");
  }

  @Test
  void aBadPayloadIsRejectedOnceUntilItChanges() {
    UpstreamReject bad = new UpstreamReject(RejectReason.UPSTREAM_UNKNOWN_STATUS, "unknown state 'x'", "{\"state\":\"x\"}".getBytes(), "o9");
    Capture capture = new Capture(List.of(), List.of(bad), 0, null, 0);
    ChangeDetector.Outcome first = detector.detect(Checkpoint.initial("nc"), COMPLETE, capture, 5);
    assertThat(first.rejects()).hasSize(1);
    assertThat(detector.detect(first.next(), COMPLETE, capture, 6).rejects()).isEmpty();
    UpstreamReject changed = new UpstreamReject(RejectReason.UPSTREAM_UNKNOWN_STATUS, "unknown state 'y'", "{\"state\":\"y\"}".getBytes(), "o9");
    assertThat(detector.detect(first.next(), COMPLETE, new Capture(List.of(), List.of(changed), 0, null, 0), 7).rejects()).hasSize(1);
  }
}
