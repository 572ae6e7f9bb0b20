package io.orderledger.poller.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderledger.events.OrderEvent;
import io.orderledger.poller.Seeds;
import io.orderledger.poller.checkpoint.Checkpoint;
import io.orderledger.poller.detect.ChangeDetector;
import io.orderledger.poller.paging.ListDirection;
import io.orderledger.poller.paging.EntryKeys;
import io.orderledger.poller.paging.ListEntry;
import io.orderledger.poller.sources.giftcard.GiftCardPaging;
import io.orderledger.poller.paging.Listing;
import io.orderledger.poller.paging.ScanWindow;
import io.orderledger.poller.paging.SourcePaging;
import io.orderledger.poller.sources.SupportedSources;
import io.orderledger.poller.source.SourceConfig;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The run loop without Kafka: a writer that keeps what it commits stands in for the transactional one. */
class SourcePollerTest {

  private static final SourceConfig SOURCE = new SourceConfig("gc", SupportedSources.GIFT_CARD, URI.create("http://127.0.0.1:1"), "partner-a",
      "k", "s", 10, Duration.ofDays(1));

  /**
   * Lists seed 002's two orders: from the {@code deliveredFrom}th scan on the second is delivered, and from the
   * {@code emailFrom}th the first one's email changes (a change only the source record shows).
   */
  private static final class TwoGiftCards implements SourcePaging {
    final AtomicInteger scans = new AtomicInteger();
    final List<ScanWindow> windows = new ArrayList<>();
    final int deliveredFrom;
    final int emailFrom;
    final ListDirection direction;

    TwoGiftCards(int deliveredFrom, int emailFrom) {
      this(deliveredFrom, emailFrom, ListDirection.OLDEST_FIRST);
    }

    /** @param direction how the listing says it is sorted (both orders are listed whatever the window) */
    TwoGiftCards(int deliveredFrom, int emailFrom, ListDirection direction) {
      this.deliveredFrom = deliveredFrom;
      this.emailFrom = emailFrom;
      this.direction = direction;
    }

    @Override
    public Listing scan(ScanWindow window) {
      JsonNode orders = Seeds.json("giftcard-list-002.json");
      int scan = scans.incrementAndGet();
      windows.add(window);
      if (scan >= deliveredFrom) {
        ((tools.jackson.databind.node.ObjectNode) orders.get(1)).put("status", "delivered");
      }
      if (scan >= emailFrom) {
        ((tools.jackson.databind.node.ObjectNode) orders.get(0)).put("email", "new@example.com");
      }
      List<ListEntry> entries = new ArrayList<>();
      orders.forEach(order -> entries.add(ListEntry.of(order, GiftCardPaging.KEYS)));
      return new Listing(entries, List.of(), null, 1, direction, List.of());
    }

    @Override
    public EntryKeys entryKeys() {
      return GiftCardPaging.KEYS;
    }

    @Override
    public boolean needsDetail(JsonNode listEntry) {
      return false;
    }

    @Override
    public JsonNode detail(String nativeId) {
      throw new UnsupportedOperationException();
    }
  }

  /** Commits in memory; can be told to fail its next write, or to be fenced after some writes. */
  private static final class MemoryWriter implements CycleWriter {
    static Checkpoint committed = Checkpoint.initial("gc");
    static final List<OrderEvent> events = new ArrayList<>();
    static int opened;
    boolean failNext;
    int fencedAfter = Integer.MAX_VALUE;
    int writes;

    @Override
    public Checkpoint open(String sourceId) {
      opened++;
      return committed;
    }

    @Override
    public void write(ChangeDetector.Outcome outcome, long polledAt) {
      if (writes++ >= fencedAfter) {
        throw new Fenced("taken over", null);
      }
      if (failNext) {
        failNext = false;
        throw new IllegalStateException("the commit timed out");
      }
      events.addAll(outcome.events());
      committed = outcome.next();
    }

    @Override
    public void close() {
    }
  }

  private static SourcePoller poller(SourcePaging paging, java.util.function.Supplier<CycleWriter> writers) {
    return new SourcePoller(SOURCE, paging, SupportedSources.of(SOURCE).mapper(SOURCE), writers, PollerMetrics.NONE, Duration.ZERO, () -> 1_000L);
  }

  @Test
  void eachCycleWritesWhatChangedAndTheNextStartsFromIt() {
    MemoryWriter.committed = Checkpoint.initial("gc");
    MemoryWriter.events.clear();
    TwoGiftCards paging = new TwoGiftCards(2, Integer.MAX_VALUE);
    MemoryWriter writer = new MemoryWriter();
    SourcePoller poller = poller(paging, () -> writer);

    Checkpoint afterFirst = poller.cycle(writer, writer.open("gc"));
    Checkpoint afterSecond = poller.cycle(writer, afterFirst);
    poller.cycle(writer, afterSecond);

    assertThat(MemoryWriter.events).extracting(OrderEvent::getOrderId).containsExactly("gc:12345", "gc:12346", "gc:12346");
    assertThat(MemoryWriter.events.get(2).getChangedFields()).contains("state", "sourceStatus");
    assertThat(MemoryWriter.events.get(2).getPreviousState()).isEqualTo(io.orderledger.events.OrderState.PROCESSING);
    assertThat(poller.cycles()).isEqualTo(3);
  }

  @Test
  void aFailedWriteStartsOverWithANewWriterFromTheCommittedCheckpointAndAFencedOneStops() throws Exception {
    MemoryWriter.committed = Checkpoint.initial("gc");
    MemoryWriter.events.clear();
    MemoryWriter.opened = 0;
    List<MemoryWriter> writers = new ArrayList<>();
    // Scan 1: the first writer's write fails. Scans 2 and 3: the second writer writes both orders, then the delivery.
    // Scan 5: the email changes, and the second writer finds another instance has taken over.
    SourcePoller poller = poller(new TwoGiftCards(3, 5), () -> {
      MemoryWriter writer = new MemoryWriter();
      writer.failNext = writers.isEmpty();
      writer.fencedAfter = 2;
      writers.add(writer);
      return writer;
    });

    Thread thread = new Thread(poller);
    thread.start();
    thread.join(10_000);

    assertThat(thread.isAlive()).isFalse();
    assertThat(poller.fenced()).isTrue();
    assertThat(MemoryWriter.opened).as("the first writer failed, the second wrote and was then fenced").isEqualTo(2);
    assertThat(MemoryWriter.events).as("nothing from the failed write, each change once").extracting(OrderEvent::getOrderId)
        .containsExactly("gc:12345", "gc:12346", "gc:12346");
  }

  @Test
  void betweenWholeScansACycleReadsOnlyTheWindowsYoungEndAndLeavesTheWindowWhereItWas() {
    MemoryWriter.committed = Checkpoint.initial("gc");
    MemoryWriter.events.clear();
    TwoGiftCards paging = new TwoGiftCards(Integer.MAX_VALUE, Integer.MAX_VALUE, ListDirection.NEWEST_FIRST);
    MemoryWriter writer = new MemoryWriter();
    SourcePoller poller = new SourcePoller(SOURCE, paging, SupportedSources.of(SOURCE).mapper(SOURCE), () -> writer, PollerMetrics.NONE, Duration.ZERO,
        new ScanPlan(3, Duration.ofSeconds(10)), () -> 1_000L);

    Checkpoint checkpoint = writer.open("gc");
    for (int cycle = 0; cycle < 4; cycle++) {
      checkpoint = poller.cycle(writer, checkpoint);
    }

    long windowSince = checkpoint.windowSince();
    assertThat(paging.windows.get(0)).isEqualTo(ScanWindow.EVERYTHING);
    assertThat(paging.windows.get(1).since()).isEqualTo(Math.max(windowSince, checkpoint.newest() - 10_000)).isGreaterThan(windowSince);
    assertThat(paging.windows.get(1).resume()).isNull();
    assertThat(paging.windows.get(2)).isEqualTo(paging.windows.get(1));
    assertThat(paging.windows.get(3)).isEqualTo(checkpoint.window()); // the third cycle after the first reads all again
    assertThat(MemoryWriter.events).hasSize(2); // both orders once: a young scan forgets nothing and repeats nothing
    assertThat(poller.cycles()).isEqualTo(4);
    assertThat(poller.wholeScans()).as("the first and the fourth read the whole window").isEqualTo(2);
  }

  @Test
  void aSourceThatCanOnlyPageFromItsOldestOrderIsAlwaysReadWhole() {
    MemoryWriter.committed = Checkpoint.initial("gc");
    MemoryWriter.events.clear();
    TwoGiftCards paging = new TwoGiftCards(Integer.MAX_VALUE, Integer.MAX_VALUE);
    MemoryWriter writer = new MemoryWriter();
    SourcePoller poller = new SourcePoller(SOURCE, paging, SupportedSources.of(SOURCE).mapper(SOURCE), () -> writer, PollerMetrics.NONE, Duration.ZERO,
        new ScanPlan(3, Duration.ofSeconds(10)), () -> 1_000L);
    Checkpoint checkpoint = writer.open("gc");
    for (int cycle = 0; cycle < 3; cycle++) {
      checkpoint = poller.cycle(writer, checkpoint);
    }
    assertThat(checkpoint.direction()).isEqualTo(ListDirection.OLDEST_FIRST);
    assertThat(paging.narrowsCheaply(checkpoint.direction())).isFalse();
    long windowSince = checkpoint.windowSince();
    assertThat(paging.windows).hasSize(3).allSatisfy(window -> assertThat(window.since()).isLessThanOrEqualTo(windowSince));
  }
}
