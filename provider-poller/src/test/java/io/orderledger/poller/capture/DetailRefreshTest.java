package io.orderledger.poller.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderledger.events.OrderEvent;
import io.orderledger.poller.Seeds;
import io.orderledger.poller.checkpoint.Checkpoint;
import io.orderledger.poller.detect.ChangeDetector;
import io.orderledger.poller.paging.ListDirection;
import io.orderledger.poller.paging.Listing;
import io.orderledger.poller.sources.netconnect.NetConnectPaging;
import io.orderledger.poller.paging.ScanWindow;
import io.orderledger.poller.paging.SourcePaging;
import io.orderledger.poller.sources.SupportedSources;
import io.orderledger.poller.source.SourceConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A change only the single-order answer shows (seed 001's providerRef arriving while seed 000's list entry stays as it
 * was) is captured within the source's detail refresh, and an order that is no longer open is not read again.
 */
class DetailRefreshTest {

  private static final long T0 = 1_780_000_000_000L;
  private static final SourceConfig SOURCE = new SourceConfig("nc", SupportedSources.NETCONNECT, URI.create("http://127.0.0.1:1"), "partner-a",
      "k", null, 10, Duration.ofMinutes(10)).withDetailRefresh(Duration.ofSeconds(60));

  private final JsonNode entry = Seeds.json("netconnect-list-000.json");
  private final AtomicReference<JsonNode> single = new AtomicReference<>(withProviderRef(null));
  private final AtomicInteger calls = new AtomicInteger();
  private final RecordCapture capture = new RecordCapture(SOURCE, paging(), SupportedSources.of(SOURCE).mapper(SOURCE));
  private final ChangeDetector detector = new ChangeDetector(SOURCE);

  private JsonNode withProviderRef(String providerRef) {
    ObjectNode answer = (ObjectNode) Seeds.json("netconnect-get-001.json").get("data").deepCopy();
    if (providerRef == null) {
      answer.remove("providerRef");
    } else {
      answer.put("providerRef", providerRef);
    }
    return answer;
  }

  private SourcePaging paging() {
    NetConnectPaging real = new NetConnectPaging(SOURCE, null);
    return new SourcePaging() {
      @Override
      public Listing scan(ScanWindow window) {
        throw new UnsupportedOperationException();
      }

      @Override
      public io.orderledger.poller.paging.EntryKeys entryKeys() {
        return real.entryKeys();
      }

      @Override
      public boolean needsDetail(JsonNode listEntry) {
        return real.needsDetail(listEntry);
      }

      @Override
      public JsonNode detail(String nativeId) {
        calls.incrementAndGet();
        return single.get();
      }
    };
  }

  private ChangeDetector.Outcome scan(Checkpoint checkpoint, long at) {
    Listing listing = new Listing(List.of(io.orderledger.poller.paging.ListEntry.of(entry, NetConnectPaging.KEYS)), List.of(), null, 1, ListDirection.NEWEST_FIRST, List.of());
    return detector.detect(checkpoint, listing, capture.capture(listing, checkpoint, at), at);
  }

  @Test
  void aChangeOnlyTheSingleOrderShowsIsCapturedWithinTheRefresh() {
    ChangeDetector.Outcome first = scan(Checkpoint.initial("nc"), T0);
    assertThat(first.events()).hasSize(1);
    assertThat(calls).hasValue(1);

    single.set(withProviderRef("JESSCO-4175984"));
    ChangeDetector.Outcome soon = scan(first.next(), T0 + 10_000);
    assertThat(soon.events()).as("the list entry is unchanged and the answer was read 10 s ago").isEmpty();
    assertThat(calls).hasValue(1);

    ChangeDetector.Outcome later = scan(soon.next(), T0 + 61_000);
    assertThat(calls).as("read again once the refresh was due").hasValue(2);
    assertThat(later.events()).singleElement().satisfies((OrderEvent event) -> {
      assertThat(event.getOrder().getProviderRef()).isEqualTo("JESSCO-4175984");
      assertThat(event.getChangedFields()).contains("providerRef");
    });

    assertThat(scan(later.next(), T0 + 130_000).events()).as("read again, nothing new: no event").isEmpty();
    assertThat(calls).hasValue(3);
  }

  @Test
  void aRefreshThatShowsANewStateFirstLeavesItToTheList() {
    ChangeDetector.Outcome first = scan(Checkpoint.initial("nc"), T0);
    ObjectNode completed = (ObjectNode) single.get().deepCopy();
    completed.put("state", "completed");
    single.set(completed);

    ChangeDetector.Outcome refreshed = scan(first.next(), T0 + 61_000);

    assertThat(calls).as("read again").hasValue(2);
    assertThat(refreshed.events()).as("the list shows the new state itself at a coming scan: one event, not two").isEmpty();
  }

  @Test
  void anOrderNoLongerOpenIsNotReadAgain() {
    ObjectNode completed = (ObjectNode) entry.deepCopy();
    completed.put("state", "completed");
    ObjectNode completedSingle = (ObjectNode) single.get().deepCopy();
    completedSingle.put("state", "completed");
    single.set(completedSingle);
    Listing listing = new Listing(List.of(io.orderledger.poller.paging.ListEntry.of(completed, NetConnectPaging.KEYS)), List.of(), null, 1, ListDirection.NEWEST_FIRST, List.of());
    Checkpoint checkpoint = detector.detect(Checkpoint.initial("nc"), listing, capture.capture(listing, Checkpoint.initial("nc"), T0), T0).next();

    capture.capture(listing, checkpoint, T0 + 3_600_000);

    assertThat(calls).hasValue(1);
  }
}
