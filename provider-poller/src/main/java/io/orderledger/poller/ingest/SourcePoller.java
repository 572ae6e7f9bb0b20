package io.orderledger.poller.ingest;

import io.orderledger.poller.capture.Capture;
import io.orderledger.poller.capture.RecordCapture;
import io.orderledger.poller.checkpoint.Checkpoint;
import io.orderledger.poller.detect.ChangeDetector;
import io.orderledger.poller.mapping.RecordMapper;
import io.orderledger.poller.paging.Listing;
import io.orderledger.poller.paging.SourcePaging;
import io.orderledger.poller.source.SourceConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one source for ever. A cycle scans the source's window ({@link SourcePaging}), captures what is new or changed
 * ({@link RecordCapture}), detects the changes ({@link ChangeDetector}) and writes them with the next checkpoint, all
 * or nothing ({@link CycleWriter}). When a write fails its outcome is unknown: the writer is given up and a new one
 * starts from what was committed. When another instance takes the source over, this one stops for good.
 */
public final class SourcePoller implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(SourcePoller.class);

  private final SourceConfig source;
  private final SourcePaging paging;
  private final RecordCapture capture;
  private final ChangeDetector detector;
  private final Supplier<CycleWriter> writers;
  private final PollerMetrics metrics;
  private final Duration interval;
  private final ScanPlan plan;
  private final LongSupplier clock;
  private volatile boolean running = true;
  private volatile boolean fenced;
  private volatile long cycles;
  private volatile long wholeScans;
  /** When the write to Kafka now in progress began (System.nanoTime), or 0 when none is. */
  private volatile long writingSince;
  /** Why the last attempt to poll and write failed, or null once a cycle has succeeded since. */
  private volatile String failure;

  /** @param writers a new writer each time the last one failed: each starts from the committed checkpoint */
  public SourcePoller(SourceConfig source, SourcePaging paging, RecordMapper mapper, Supplier<CycleWriter> writers,
                      PollerMetrics metrics, Duration interval, LongSupplier clock) {
    this(source, paging, mapper, writers, metrics, interval, ScanPlan.WHOLE_WINDOW, clock);
  }

  /** @param plan which cycles read the whole window and which only its young end */
  public SourcePoller(SourceConfig source, SourcePaging paging, RecordMapper mapper, Supplier<CycleWriter> writers,
                      PollerMetrics metrics, Duration interval, ScanPlan plan, LongSupplier clock) {
    this.source = source;
    this.paging = paging;
    this.capture = new RecordCapture(source, paging, mapper, clock);
    this.detector = new ChangeDetector(source);
    this.writers = writers;
    this.metrics = metrics;
    this.interval = interval;
    this.plan = plan;
    this.clock = clock;
  }

  public void stop() {
    running = false;
  }

  /** True when another instance took over this source: this one has stopped for good. */
  public boolean fenced() {
    return fenced;
  }

  public String sourceId() {
    return source.id();
  }

  public long cycles() {
    return cycles;
  }

  /**
   * Cycles that read the whole window completely and wrote what they found. Between two of them a cycle may read only
   * the window's young end ({@link ScanPlan}): "everything the source showed before now is written" is two more of
   * these (the first may have begun before), not two more cycles.
   */
  public long wholeScans() {
    return wholeScans;
  }

  /**
   * How long the write now in progress has been waiting for Kafka (zero when none is): a write blocks while the
   * brokers cannot take it (fewer in-sync replicas than {@code min.insync.replicas}), and nothing is acknowledged.
   */
  public Duration writeStalledFor() {
    long since = writingSince;
    return since == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - since);
  }

  /** Why the last cycle failed, or null when the last one succeeded. */
  public String failure() {
    return failure;
  }

  @Override
  public void run() {
    Thread.currentThread().setName("poller-" + source.id());
    while (running && !fenced) {
      try (CycleWriter writer = writers.get()) {
        writingSince = System.nanoTime();
        Checkpoint checkpoint = writer.open(source.id());
        writingSince = 0;
        log.info("source {}: resuming with {} orders in the window, scanning from {}", source.id(), checkpoint.known().size(),
            checkpoint.windowSince() == Long.MIN_VALUE ? "the beginning" : Instant.ofEpochMilli(checkpoint.windowSince()));
        while (running) {
          checkpoint = cycle(writer, checkpoint);
        }
      } catch (CycleWriter.Fenced e) {
        fenced = true;
        log.error("source {}: {}; this poller stops", source.id(), e.getMessage());
      } catch (RuntimeException e) {
        writingSince = 0;
        failure = e.toString();
        if (running) {
          log.warn("source {}: {}; starting again from the committed checkpoint", source.id(), e.toString());
          sleep(Duration.ofSeconds(1));
        }
      }
    }
  }

  /** One scan, capture, detection and write. Returns the checkpoint the next cycle starts from. */
  Checkpoint cycle(CycleWriter writer, Checkpoint checkpoint) {
    long started = System.nanoTime();
    boolean whole = plan.isWhole(cycles) || !paging.narrowsCheaply(checkpoint.direction());
    Listing listing = paging.scan(whole ? checkpoint.window() : checkpoint.youngWindow(plan.youngHorizon().toMillis()));
    long now = clock.getAsLong();
    Capture captured = capture.capture(listing, checkpoint, now, whole);
    boolean complete = listing.complete() && captured.incompleteReason() == null;
    metrics.scanned(source.id(), listing.pages(), complete, System.nanoTime() - started);
    metrics.captured(source.id(), captured.orders().size(), captured.unchanged(), captured.detailsFetched());
    if (!complete) {
      log.warn("source {}: scan incomplete ({}); the window stays where it was", source.id(),
          listing.complete() ? captured.incompleteReason() : listing.incompleteReason());
    }
    ChangeDetector.Outcome outcome = detector.detect(checkpoint, listing, captured, now, whole);
    if (outcome.checkpointChanged()) {
      writingSince = System.nanoTime();
      writer.write(outcome, now);
      writingSince = 0;
      metrics.written(source.id(), outcome);
      checkpoint = outcome.next();
    }
    if (whole && complete) {
      wholeScans++;
    }
    cycles++;
    failure = null;
    // One scan per interval, start to start, whether or not the last one found changes: a scan reads the whole window,
    // so scanning again at once after every change found cost the poller, the source and the broker (a transaction per
    // cycle) several times what the changes did, and on two cores left the services behind it without CPU (the
    // freshness benchmark, 2026-12-03). A scan longer than the interval is followed at once.
    sleep(interval.minusNanos(System.nanoTime() - started));
    return checkpoint;
  }

  private static void sleep(Duration duration) {
    if (duration.isNegative() || duration.isZero()) {
      return;
    }
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
