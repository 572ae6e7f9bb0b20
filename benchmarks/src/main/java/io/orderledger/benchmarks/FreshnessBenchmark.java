package io.orderledger.benchmarks;

import io.orderledger.benchmarks.freshness.ApiObserver;
import io.orderledger.benchmarks.freshness.ChangeFollower;
import io.orderledger.benchmarks.freshness.FreshnessIds;
import io.orderledger.benchmarks.freshness.CommitObserver;
import io.orderledger.benchmarks.freshness.FollowingVerifier;
import io.orderledger.benchmarks.freshness.GcPauses;
import io.orderledger.benchmarks.freshness.ProcessCpu;
import io.orderledger.benchmarks.freshness.VisibilityLog;
import io.orderledger.events.codec.EventSerdes;
import io.orderledger.ledger.topology.LedgerTopicNames;
import io.orderledger.local.LocalStack;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * End-to-end freshness with the local stack's default settings and the simulator placing orders at a steady rate,
 * split where it is spent:
 * <ul>
 *   <li><b>upstream change → API</b>: from the simulator's change to the first API answer showing it, for <em>every</em>
 *       change made in the measured window: state changes, changes inside a state, and changes superseded before a poll
 *       (those are as late as the first version that includes them);</li>
 *   <li><b>poller commit → API</b>: from an event becoming readable to {@code read_committed} consumers of
 *       {@code order-events} to the first API answer showing it, for every event the poller wrote in the window: what
 *       the ledger, the views topic and the query service's materialisation add.</li>
 * </ul>
 * An observer lists each partner's orders through the API down to {@value #NEAR_HORIZON_MILLIS} ms old, a round
 * at most every {@code -DobserveEveryMillis} (100; most changes happen to young orders); a follower reads the simulator's change feed and asks the API for each
 * older order that changed until it shows the change ({@link ChangeFollower}). A change not
 * visible {@value #DRAIN_MILLIS} ms after the last one was made is counted at that bound and reported by number.
 * <p>Cost: the stack's CPU per 1,000 changes in the window, and from the window's start until the ledger and the query
 * service have caught up after the simulator paused (all the work the changes caused, a backlog's included); the
 * services' stop-the-world GC pauses over the same span; then the stack at idle.
 * The JVMs' JIT compilers' share of that CPU is printed apart: a stack started minutes before pays its warm-up in it.
 * So is the price of watching: the query service's HTTP threads (they answer only the observers here) and, at idle,
 * what the two {@code read_committed} consumers cost the broker. And the wait for a core: how long each process's
 * threads sat runnable on a run queue in the window, and the share of it in which any task of the machine did (Linux's
 * CPU pressure), since a stage that waits for a core is late by that much whatever it batches or polls.
 * Run: {@code benchmarks/run.sh freshness [-Dchanges=10000 -DordersPerTick=2 -DtickMillis=100 -DfollowVerify=false
 * -DwarmUpSeconds=10 -DobserveEveryMillis=100 -DcommitFetchWaitMillis=500]}; a
 * setting can be tried without a rebuild with {@code -DledgerArgs=...} ({@link #serviceArgs}) or
 * {@code -Dstack.jvm-options.<module>=...}.
 */
public final class FreshnessBenchmark {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final long NEAR_HORIZON_MILLIS = 6_000;
  private static final long DRAIN_MILLIS = 30_000;
  private static final long IDLE_MILLIS = 20_000;
  private static final String OBSERVERS = "observers";
  private static final String VERIFY = "verify";
  /** {@code -DobserveEveryMillis}: how often the near observer starts a round (0: back to back, as until 2026-12-05). */
  private static final long OBSERVE_EVERY_MILLIS = Long.getLong("observeEveryMillis", 100);

  public static void main(String[] args) throws Exception {
    int changes = Integer.getInteger("changes", 10_000);
    long tickMillis = Long.getLong("tickMillis", 100);
    int ordersPerTick = Integer.getInteger("ordersPerTick", 2);
    // Before the window, under the simulator's load: caches, the first assignments and the JIT's first compilations
    // behind us. At 10 s the JVMs' compilers were still 42% of the run's CPU (2026-12-05): -DwarmUpSeconds=300 is closer
    // to a service that has run for days.
    long warmUpSeconds = Long.getLong("warmUpSeconds", 10);
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    String classpath = Files.readString(Path.of("local-stack/target/kafka-broker.classpath")).strip()
        + java.io.File.pathSeparator + Path.of("local-stack/target/classes").toAbsolutePath();
    try (BenchmarkKafka kafka = BenchmarkKafka.start(Integer.getInteger("port", 19092))) {
      LocalStack.Options options = new LocalStack.Options(Path.of("").toAbsolutePath(), WorkDirs.create("freshness"),
          kafka.bootstrapServers(), 18080, 0, 18090, 18081, 18082, tickMillis, ordersPerTick, 7, 30_000, Duration.ofSeconds(60), false);
      try (LocalStack stack = LocalStack.start(options, classpath, serviceArgs())) {
        stack.awaitOrdersVisible(Duration.ofSeconds(180));
        // The auditor's independent verifier follows the run as it would in production (-DfollowVerify=false leaves it out).
        FollowingVerifier verifier = Boolean.parseBoolean(System.getProperty("followVerify", "true"))
            ? FollowingVerifier.start(Path.of("ledger-audit/target/ledger-audit-0.1.0-SNAPSHOT-all.jar"), kafka.bootstrapServers(),
                stack.publicKeyFile())
            : null;
        System.out.printf("warming up for %d s under the simulator's load (not counted)%n", warmUpSeconds);
        TimeUnit.SECONDS.sleep(warmUpSeconds);

        List<String> keys = LocalStack.DEMO_KEYS.stream().map(demo -> demo[1]).toList();
        VisibilityLog visible = new VisibilityLog();
        ApiObserver near = new ApiObserver(stack.apiUrl(), keys, () -> System.currentTimeMillis() - NEAR_HORIZON_MILLIS, visible,
            OBSERVE_EVERY_MILLIS);
        CommitObserver commits = CommitObserver.ofEvents(kafka.bootstrapServers(), LedgerTopicNames.defaults().orderEvents(), EventSerdes.shipped());
        CommitObserver views = CommitObserver.ofViews(kafka.bootstrapServers(), LedgerTopicNames.defaults().orderViews(), EventSerdes.shipped());
        Thread commitThread = new Thread(commits, "commit-observer");
        Thread viewThread = new Thread(views, "view-observer");
        commitThread.start();
        viewThread.start();
        Thread.sleep(1_000); // the commit observer has its positions before the window opens
        int from = changeCount(http, stack);
        ChangeFollower follower = new ChangeFollower(stack.simulatorUrl(), stack.apiUrl(), from, FreshnessBenchmark::apiKeyOfSource,
            NEAR_HORIZON_MILLIS, 50, visible);
        List<Thread> threads = List.of(commitThread, viewThread, new Thread(near, "near-observer"), new Thread(follower, "change-follower"));
        threads.subList(2, 4).forEach(Thread::start);
        ProcessCpu cpu = stackCpu(kafka, stack, verifier);
        GcPauses gc = new GcPauses(Map.of("poller", "http://127.0.0.1:" + stack.pollerPort(), "ledger",
            "http://127.0.0.1:" + stack.ledgerPort(), "query", stack.managementUrl()));
        Map<String, GcPauses.Sample> gcAtStart = gc.sample();
        Map<String, Long> cpuAtStart = cpu.sample();
        Map<String, Long> compilersAtStart = cpu.compilersSample();
        Map<String, Long> httpAtStart = cpu.httpThreadsSample();
        Map<String, Long> bytesAtStart = kafka.logBytesByTopic();
        Map<String, Long> waitAtStart = cpu.runQueueWaitSample();
        Map<String, Long> streamsWaitAtStart = cpu.runQueueWaitSample(STREAMS_THREADS);
        Map<String, Long> queryThreadsWaitAtStart = cpu.runQueueWaitByThread("query");
        Map<String, Long> ledgerThreadsWaitAtStart = cpu.runQueueWaitByThread("ledger");
        long pressureAtStart = ProcessCpu.cpuPressureMicros();
        long started = System.currentTimeMillis();
        while (changeCount(http, stack) < from + changes) {
          Thread.sleep(500);
        }
        int to = changeCount(http, stack);
        long ended = System.currentTimeMillis();
        long producing = ended - started;
        Map<String, Long> cpuUnderLoad = ProcessCpu.between(cpuAtStart, cpu.sample());
        Map<String, Long> waitUnderLoad = ProcessCpu.between(waitAtStart, cpu.runQueueWaitSample());
        Map<String, Long> streamsWaitUnderLoad = ProcessCpu.between(streamsWaitAtStart, cpu.runQueueWaitSample(STREAMS_THREADS));
        String queryWaiters = ProcessCpu.longestWaiters(queryThreadsWaitAtStart, cpu.runQueueWaitByThread("query"), 4);
        String ledgerWaiters = ProcessCpu.longestWaiters(ledgerThreadsWaitAtStart, cpu.runQueueWaitByThread("ledger"), 4);
        long pressureUnderLoad = ProcessCpu.cpuPressureMicros() - pressureAtStart;
        Map<String, Long> bytesWritten = ProcessCpu.between(bytesAtStart, kafka.logBytesByTopic());
        JsonNode made = JSON.readTree(get(http, stack.simulatorUrl() + "/control/changes?from=" + from + "&to=" + to));
        long lastMade = made.get(made.size() - 1).get(4).asLong();
        // Until every change of the window and every event committed so far is on the API (or 30 s): once every upstream
        // change was seen, the events of the window's last cycles could still be on their way, and stopping the
        // observers then counted them "not visible" (2026-12-05, 105 of 6,901). What is still unseen then is counted.
        Await.atMost("every change and event of the window shown", Duration.ofMillis(DRAIN_MILLIS), Duration.ofMillis(200),
            () -> unseen(made, visible) == 0 && unseenEvents(ofWindow(commits.committed(), ended), views.committed(), visible) == 0);
        commits.stop();
        views.stop();
        near.stop();
        follower.stop();
        for (Thread thread : threads) {
          thread.join();
        }
        // All the work the changes cost: on a saturated machine a stage still has a backlog when the window closes, and
        // the CPU spent on it after the window is theirs too. The simulator stops; the stack is measured until the
        // ledger and the query service have read everything written (lag 0).
        get(http, stack.simulatorUrl() + "/control/pause");
        int madeUntilPause = changeCount(http, stack) - from;
        long pausedAt = System.currentTimeMillis();
        long caughtUpAt = awaitCaughtUp(kafka, Duration.ofMinutes(10));
        Map<String, Long> cpuUntilCaughtUp = ProcessCpu.between(cpuAtStart, cpu.sample());
        Map<String, Long> compilersUntilCaughtUp = ProcessCpu.between(compilersAtStart, cpu.compilersSample());
        Map<String, Long> httpUntilCaughtUp = ProcessCpu.between(httpAtStart, cpu.httpThreadsSample());
        String gcUntilCaughtUp = GcPauses.describe(gcAtStart, gc.sample(), gc.recentMaxMillis());
        // Idle: no upstream changes, no API reads, nothing left to fold; the poller still polls every source, the stack
        // still commits.
        Map<String, Long> idleStart = cpu.sample();
        Map<String, Long> compilersIdleStart = cpu.compilersSample();
        long pressureIdleStart = ProcessCpu.cpuPressureMicros();
        long idleFrom = System.currentTimeMillis();
        Thread.sleep(IDLE_MILLIS);
        Map<String, Long> cpuIdle = ProcessCpu.between(idleStart, cpu.sample());
        long pressureIdle = ProcessCpu.cpuPressureMicros() - pressureIdleStart;
        Map<String, Long> compilersIdle = ProcessCpu.between(compilersIdleStart, cpu.compilersSample());
        long idleMillis = System.currentTimeMillis() - idleFrom;
        // The same idle again with the benchmark's two read_committed consumers fetching: what they cost the broker.
        Map<String, Long> watchedIdleStart = cpu.sample();
        long watchedFrom = System.currentTimeMillis();
        List<CommitObserver> idleObservers = List.of(
            CommitObserver.ofEvents(kafka.bootstrapServers(), LedgerTopicNames.defaults().orderEvents(), EventSerdes.shipped()),
            CommitObserver.ofViews(kafka.bootstrapServers(), LedgerTopicNames.defaults().orderViews(), EventSerdes.shipped()));
        List<Thread> idleObserverThreads = idleObservers.stream().map(observer -> new Thread(observer, "idle-commit-observer")).toList();
        idleObserverThreads.forEach(Thread::start);
        Thread.sleep(IDLE_MILLIS);
        idleObservers.forEach(CommitObserver::stop);
        for (Thread thread : idleObserverThreads) {
          thread.join();
        }
        Map<String, Long> cpuWatchedIdle = ProcessCpu.between(watchedIdleStart, cpu.sample());
        long watchedMillis = System.currentTimeMillis() - watchedFrom;

        Histogram upstream = new Histogram(3_600_000, 3);
        int notVisible = 0;
        Map<String, Integer> notVisibleByKind = new java.util.TreeMap<>();
        int laterInLife = 0;
        for (JsonNode change : made) {
          String orderId = apiId(change);
          long at = change.get(4).asLong();
          long seenAt = visible.visibleAt(orderId, at);
          if (seenAt < 0) {
            notVisible++;
            notVisibleByKind.merge(change.get(5).asString() + " " + change.get(6).toString() + " to " + change.get(2).asString(), 1, Integer::sum);
            seenAt = lastMade + DRAIN_MILLIS;
          }
          laterInLife += change.get(6).toString().contains("created") ? 0 : 1;
          upstream.recordValue(Math.max(0, seenAt - at));
        }
        Histogram pipeline = new Histogram(3_600_000, 3);
        Histogram ledgerStage = new Histogram(3_600_000, 3);
        Histogram queryStage = new Histogram(3_600_000, 3);
        int eventsNotVisible = 0;
        int noView = 0;
        List<CommitObserver.Committed> events = ofWindow(commits.committed(), ended);
        var viewsByOrder = CommitObserver.byOrder(views.committed());
        for (CommitObserver.Committed event : events) {
          var viewVersions = viewsByOrder.get(event.orderId());
          var view = viewVersions == null ? null : viewVersions.ceilingEntry(event.updatedAt());
          if (view == null) {
            // No view of the order includes it 30 s after the window: the ledger did not apply it (a stale copy, a
            // duplicate, a source's correction), so the API cannot show it; counted apart rather than as "not visible",
            // beside the ledger's own count of its decisions (printed below).
            noView++;
            if (noView <= 5) {
              System.out.printf("  event without a view: order %s version %d readable at %d; the views of it: %s%n", event.orderId(),
                  event.updatedAt(), event.readableAt(), viewVersions);
            }
            continue;
          }
          long seenAt = visible.visibleAt(event.orderId(), event.updatedAt());
          if (seenAt < 0) {
            eventsNotVisible++;
            seenAt = lastMade + DRAIN_MILLIS;
            if (eventsNotVisible <= 5) {
              System.out.printf("  event never shown: order %s version %d readable at %d, its view committed at %d; the API showed it at"
                  + " versions %s%n", event.orderId(), event.updatedAt(), event.readableAt(), view.getValue(), visible.versions(event.orderId()));
            }
          }
          pipeline.recordValue(Math.max(0, seenAt - event.readableAt()));
          ledgerStage.recordValue(Math.max(0, view.getValue() - event.readableAt()));
          if (seenAt >= view.getValue()) {
            queryStage.recordValue(seenAt - view.getValue());
          }
        }

        System.out.printf("%,d changes in %.1f s (%.0f changes/s; %,d of them after the order's creation) through simulator → poller →"
            + " ledger → query service%n", made.size(), producing / 1000.0, made.size() * 1000.0 / producing, laterInLife);
        System.out.printf("observers: each partner's orders up to %d s old listed, a round started every %.0f ms (at most every %d ms; %,d"
                + " rounds, each %.0f ms); %s, every 50 ms until seen; commits read by a read_committed consumer (fetch.max.wait %d ms)%n",
            NEAR_HORIZON_MILLIS / 1000, near.meanIntervalMillis(), OBSERVE_EVERY_MILLIS, near.rounds(), near.meanRoundMillis(),
            follower.summary(), CommitObserver.FETCH_MAX_WAIT_MILLIS);
        print("upstream change → API", upstream, made.size(), notVisible, "target p99 < 750 ms: the poller's 250 ms interval + 500 ms");
        if (notVisible > 0) {
          // Which changes the API never showed: the source's shape and what the simulator changed.
          StringBuilder kinds = new StringBuilder();
          notVisibleByKind.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(6)
              .forEach(kind -> kinds.append(String.format(" %s %,d;", kind.getKey(), kind.getValue())));
          System.out.printf("  not visible within 30 s, by source shape, what changed and the state it went to:%s%n", kinds.substring(0, kinds.length() - 1));
        }
        print("poller commit → API", pipeline, events.size() - noView, eventsNotVisible, "target p99 < 300 ms");
        System.out.printf("  of which: poller commit → ledger's view committed p50 %d ms, p90 %d ms, p99 %d ms; view committed → API"
                + " p50 %d ms, p90 %d ms, p99 %d ms (the observer's sampling included); %,d events without a view within 30 s (not counted above)%n",
            ledgerStage.getValueAtPercentile(50), ledgerStage.getValueAtPercentile(90), ledgerStage.getValueAtPercentile(99),
            queryStage.getValueAtPercentile(50), queryStage.getValueAtPercentile(90), queryStage.getValueAtPercentile(99), noView);
        printCost(cpuUnderLoad, to - from, producing, cpuIdle, idleMillis);
        printWaitForCores(waitUnderLoad, streamsWaitUnderLoad, cpuUnderLoad, pressureUnderLoad, producing, pressureIdle, idleMillis);
        System.out.printf("  the threads that waited longest in the window: query %s; ledger %s%n", queryWaiters, ledgerWaiters);
        printWholeCost(cpuUntilCaughtUp, madeUntilPause, caughtUpAt - pausedAt);
        printCompilers(compilersUntilCaughtUp, cpuUntilCaughtUp, madeUntilPause, compilersIdle, idleMillis);
        printBenchmarkShare(httpUntilCaughtUp, compilersUntilCaughtUp, cpuUntilCaughtUp, madeUntilPause, cpuIdle, idleMillis,
            cpuWatchedIdle, watchedMillis);
        System.out.printf("stop-the-world GC pauses from the window's start until caught up (%.0f s):%s%n", (caughtUpAt - started) / 1000.0,
            gcUntilCaughtUp);
        printBytes(bytesWritten, to - from);
        System.out.printf("the ledger's decisions since it started (warm-up and drain included): %s%n",
            ledgerDecisions(http, "http://127.0.0.1:" + stack.ledgerPort()));
        if (verifier != null) {
          System.out.printf("ledger-audit verify --follow over the window: %s%n", verifier.summary(started, ended + DRAIN_MILLIS));
          long verifyCpu = cpuUnderLoad.get(VERIFY);
          long ledgerCpu = cpuUnderLoad.get("ledger");
          System.out.printf("  its CPU: %.2f s per 1,000 changes against the ledger's %.2f: verify can check %.2f× what the ledger folds on"
              + " the same CPU%n", verifyCpu / (double) (to - from), ledgerCpu / (double) (to - from), ledgerCpu / (double) Math.max(1, verifyCpu));
          System.out.printf("RESULT verify-follow wait_p99_ms=%d cpu_ratio_ledger_over_verify=%.2f%n", verifier.p99WaitMillis(started,
              ended + DRAIN_MILLIS), ledgerCpu / (double) Math.max(1, verifyCpu));
          verifier.close();
        }
        System.out.printf("RESULT freshness changes=%d upstream_p99=%d pipeline_p99=%d not_visible=%d%n", made.size(),
            upstream.getValueAtPercentile(99), pipeline.getValueAtPercentile(99), notVisible + eventsNotVisible);
      }
    }
  }

  /** The stack's CPU per 1,000 changes under load and its CPU at idle, per process and in total. */
  private static void printCost(Map<String, Long> underLoad, int changes, long loadMillis, Map<String, Long> idle, long idleMillis) {
    StringBuilder perProcess = new StringBuilder();
    long total = 0;
    long benchmark = 0;
    for (var used : underLoad.entrySet()) {
      if (used.getKey().equals(OBSERVERS)) {
        benchmark = used.getValue();
        continue;
      }
      if (used.getKey().equals(VERIFY)) {
        continue; // reported with the verifier's lag
      }
      total += used.getValue();
      perProcess.append(String.format(" %s %.2f,", used.getKey(), used.getValue() / (double) changes));
    }
    System.out.printf("cost under load: %.2f CPU s per 1,000 changes (%.0f%% of one core over %.1f s):%s and the benchmark's own"
            + " observers %.2f (not counted)%n", total / (double) changes, total * 100.0 / loadMillis, loadMillis / 1000.0,
        perProcess.substring(0, perProcess.length() - 1), benchmark / (double) changes);
    StringBuilder idlePerProcess = new StringBuilder();
    long idleTotal = 0;
    for (var used : idle.entrySet()) {
      if (!used.getKey().equals(OBSERVERS) && !used.getKey().equals(VERIFY)) {
        idleTotal += used.getValue();
        idlePerProcess.append(String.format(" %s %.1f%%,", used.getKey(), used.getValue() * 100.0 / idleMillis));
      }
    }
    Long verifyIdle = idle.get(VERIFY);
    System.out.printf("cost at idle (simulator paused, no API reads, %.0f s): %.1f%% of one core:%s%s%n", idleMillis / 1000.0,
        idleTotal * 100.0 / idleMillis, idlePerProcess.substring(0, idlePerProcess.length() - 1),
        verifyIdle == null ? "" : String.format("; and verify --follow %.1f%% (not counted; the broker's share includes serving it)",
            verifyIdle * 100.0 / idleMillis));
    System.out.printf("RESULT cost cpu_ms_per_1000_changes=%d idle_cpu_percent=%.1f%n", total * 1000 / changes, idleTotal * 100.0 / idleMillis);
  }

  /**
   * How long the stack's stages waited for a core in the window: Linux's CPU pressure (the share of the time at least
   * one runnable task of the machine waited) and each process's threads' time on a run queue, per second of the
   * window and against the CPU time they got. A stage that waits for a core is late by that much whatever its own
   * batching and polling; this is what the freshness tails are measured against.
   */
  private static void printWaitForCores(Map<String, Long> waited, Map<String, Long> streamsWaited, Map<String, Long> used,
                                        long pressureMicros, long windowMillis, long idlePressureMicros, long idleMillis) {
    StringBuilder perProcess = new StringBuilder();
    for (var process : waited.entrySet()) {
      if (process.getValue() >= 0) {
        perProcess.append(String.format(" %s %d ms (%.2f× its CPU time),", process.getKey(), process.getValue() * 1000 / windowMillis,
            process.getValue() / (double) Math.max(1, used.get(process.getKey()))));
      }
    }
    String pressure = pressureMicros < 0 ? "not reported by this kernel"
        : String.format("%.0f%% of the time (at idle %.0f%%)", pressureMicros / 10.0 / windowMillis, idlePressureMicros / 10.0 / idleMillis);
    System.out.printf("waiting for a core in the window: some runnable task of the machine waited %s (Linux PSI, cpu some); each"
        + " process's threads waited, per second of the window (threads waiting at once add up):%s; of which Kafka Streams' threads (the stream threads, the state"
        + " updater): ledger %d ms, query %d ms%n", pressure, perProcess.substring(0, perProcess.length() - 1),
        streamsWaited.get("ledger") * 1000 / windowMillis, streamsWaited.get("query") * 1000 / windowMillis);
    System.out.printf("RESULT cpu-wait psi_some_percent=%.0f idle_psi_some_percent=%.0f query_wait_ms_per_s=%d ledger_wait_ms_per_s=%d"
            + " poller_wait_ms_per_s=%d broker_wait_ms_per_s=%d query_streams_wait_ms_per_s=%d ledger_streams_wait_ms_per_s=%d%n",
        pressureMicros / 10.0 / windowMillis, idlePressureMicros / 10.0 / idleMillis,
        waited.get("query") * 1000 / windowMillis, waited.get("ledger") * 1000 / windowMillis,
        waited.get("poller") * 1000 / windowMillis, waited.get("broker") * 1000 / windowMillis,
        streamsWaited.get("query") * 1000 / windowMillis, streamsWaited.get("ledger") * 1000 / windowMillis);
  }

  /**
   * The stack's CPU from the window's start until it had caught up after the simulator paused, per 1,000 changes made
   * in that time (the window's and the drain's): unlike the window's figure, it does not leave out a backlog's work.
   */
  private static void printWholeCost(Map<String, Long> used, int changes, long catchUpMillis) {
    StringBuilder perProcess = new StringBuilder();
    long total = 0;
    for (var process : used.entrySet()) {
      if (!process.getKey().equals(OBSERVERS) && !process.getKey().equals(VERIFY)) {
        total += process.getValue();
        perProcess.append(String.format(" %s %.2f,", process.getKey(), process.getValue() / (double) changes));
      }
    }
    System.out.printf("cost until caught up (lag 0 for the ledger and the query service %.1f s after the simulator paused): %.2f CPU s per"
            + " 1,000 of the %,d changes made:%s%n", catchUpMillis / 1000.0, total / (double) changes, changes,
        perProcess.substring(0, perProcess.length() - 1));
    System.out.printf("RESULT whole-cost cpu_ms_per_1000_changes=%d catch_up_ms=%d%n", total * 1000 / changes, catchUpMillis);
  }

  /**
   * How much of the cost until caught up, and of the idle cost, was the JVMs' JIT compilers: a stack started minutes
   * before the window is still compiling (C2 above all), which a service that runs for days pays once. The figure
   * without them is closer to what a change costs in the long run; both are printed, neither hidden.
   */
  private static void printCompilers(Map<String, Long> compilers, Map<String, Long> used, int changes, Map<String, Long> idle,
                                     long idleMillis) {
    StringBuilder perProcess = new StringBuilder();
    long total = 0;
    long all = 0;
    long idleTotal = 0;
    for (var process : compilers.entrySet()) {
      if (!process.getKey().equals(OBSERVERS) && !process.getKey().equals(VERIFY)) {
        long compiling = Math.max(0, process.getValue());
        total += compiling;
        all += Math.max(0, used.get(process.getKey()));
        idleTotal += Math.max(0, idle.get(process.getKey()));
        perProcess.append(' ').append(process.getKey()).append(' ').append(ratio(compiling, changes, 2)).append(',');
      }
    }
    // CPU milliseconds per change are CPU seconds per 1,000 changes.
    System.out.printf("of which the JIT compilers (C1, C2): %s CPU s per 1,000 (%s%%):%s; without them %s; at idle they used %s%% of"
            + " one core%n", ratio(total, changes, 2), ratio(total * 100, Math.max(1, all), 0), perProcess.substring(0, perProcess.length() - 1),
        ratio(all - total, changes, 2), ratio(idleTotal * 100, idleMillis, 1));
    System.out.printf("RESULT compilers cpu_ms_per_1000_changes=%d without_ms_per_1000_changes=%d idle_cpu_percent=%s%n",
        total * 1000 / changes, (all - total) * 1000 / changes, ratio(idleTotal * 100, idleMillis, 1));
  }

  /**
   * What of the stack's cost is the benchmark looking at it. The query service's HTTP threads answer nothing but the
   * observers' lists and the follower's reads here (the stack has no other client), so their CPU is the price of
   * watching, not of the changes; a platform team pays it in proportion to its own clients' reads. The broker's part
   * cannot be told apart by thread: its cost of the two {@code read_committed} consumers is
   * measured at idle, the same 20 s with them fetching and without.
   */
  private static void printBenchmarkShare(Map<String, Long> http, Map<String, Long> compilers, Map<String, Long> used, int changes,
                                          Map<String, Long> idle, long idleMillis, Map<String, Long> watchedIdle, long watchedMillis) {
    long all = 0;
    long compiling = 0;
    for (var process : used.entrySet()) {
      if (!process.getKey().equals(OBSERVERS) && !process.getKey().equals(VERIFY)) {
        all += Math.max(0, process.getValue());
        compiling += Math.max(0, compilers.get(process.getKey()));
      }
    }
    long answering = Math.max(0, http.get("query"));
    long query = Math.max(1, used.get("query"));
    System.out.printf("of which the query service answering the benchmark's reads (its HTTP threads): %s CPU s per 1,000 (%s%% of the query"
            + " service's); the stack without them %s, without them and the compilers %s%n", ratio(answering, changes, 2),
        ratio(answering * 100, query, 0), ratio(all - answering, changes, 2), ratio(all - answering - compiling, changes, 2));
    long brokerIdle = idle.get("broker");
    long brokerWatched = watchedIdle.get("broker");
    System.out.printf("the broker at idle: %s%% of one core, %s%% with the benchmark's two read_committed consumers fetching (each fetch"
            + " waits at most %d ms)%n", ratio(brokerIdle * 100, idleMillis, 1), ratio(brokerWatched * 100, watchedMillis, 1),
        CommitObserver.FETCH_MAX_WAIT_MILLIS);
    System.out.printf("RESULT benchmark-share query_http_ms_per_1000_changes=%d stack_without_ms_per_1000_changes=%d"
            + " stack_without_compilers_ms_per_1000_changes=%d broker_idle_percent=%s broker_idle_watched_percent=%s%n",
        answering * 1000 / changes, (all - answering) * 1000 / changes, (all - answering - compiling) * 1000 / changes,
        ratio(brokerIdle * 100, idleMillis, 1), ratio(brokerWatched * 100, watchedMillis, 1));
  }

  /** {@code numerator / denominator} rounded half-up to {@code scale} decimals, exactly (no binary float on the way). */
  private static BigDecimal ratio(long numerator, long denominator, int scale) {
    return BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), scale, RoundingMode.HALF_UP);
  }

  /** Waits until the ledger and the query service have committed everything written; returns when. */
  private static long awaitCaughtUp(BenchmarkKafka kafka, Duration atMost) throws Exception {
    Await.until("the ledger and the query service have read everything written", atMost, Duration.ofMillis(200),
        () -> kafka.stackLag(LedgerTopicNames.defaults()) == 0);
    return System.currentTimeMillis();
  }

  /**
   * Settings to try without a rebuild: {@code -DledgerArgs="--spring.kafka.streams.properties.commit.interval.ms=200"}
   * (likewise {@code pollerArgs}, {@code queryArgs}), space-separated, after the stack's own arguments. The run prints them.
   */
  private static Map<String, List<String>> serviceArgs() {
    Map<String, List<String>> args = new LinkedHashMap<>();
    for (String service : List.of("poller", "ledger", "query")) {
      String given = System.getProperty(service + "Args", "").strip();
      if (!given.isEmpty()) {
        args.put(service, List.of(given.split("\\s+")));
        System.out.printf("%s runs with: %s%n", service, given);
      }
    }
    return args;
  }

  /** What the broker's logs grew by in the window, by topic, largest first (as stored: compressed batches, markers). */
  private static void printBytes(Map<String, Long> written, int changes) {
    long total = written.values().stream().mapToLong(Long::longValue).sum();
    StringBuilder topics = new StringBuilder();
    written.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
        .forEach(topic -> topics.append(String.format(" %s %,d,", topic.getKey(), topic.getValue() / changes)));
    System.out.printf("bytes written to the broker's logs: %,d per change (%.1f MB in all), largest by topic per change:%s%n",
        total / changes, total / 1e6, topics.substring(0, topics.length() - 1));
  }

  /**
   * The name prefixes (Linux keeps 15 characters) of the ledger's and the query service's Kafka Streams threads: their
   * client ids start with the application id.
   */
  private static final String[] STREAMS_THREADS = {"order-ledger-", BenchmarkKafka.QUERY_APPLICATION_ID + "-"};

  private static ProcessCpu stackCpu(BenchmarkKafka kafka, LocalStack stack, FollowingVerifier verifier) {
    Map<String, Long> pids = new LinkedHashMap<>();
    pids.put("broker", kafka.pid());
    for (String service : List.of("simulator", "poller", "ledger", "query")) {
      pids.put(service, stack.pid(service));
    }
    pids.put(OBSERVERS, ProcessHandle.current().pid());
    if (verifier != null) {
      pids.put(VERIFY, verifier.pid());
    }
    return new ProcessCpu(pids);
  }

  private static void print(String what, Histogram latency, int count, int notVisible, String target) {
    System.out.printf("%s: %,d measured, %,d not visible within %d s; p50 %d ms, p90 %d ms, p99 %d ms, max %d ms (%s)%n", what, count,
        notVisible, DRAIN_MILLIS / 1000, latency.getValueAtPercentile(50), latency.getValueAtPercentile(90), latency.getValueAtPercentile(99),
        latency.getMaxValue(), target);
  }

  private static String apiId(JsonNode change) {
    return FreshnessIds.apiId(change);
  }

  /** The demo partner a local-stack source belongs to ({@code LocalStack.SOURCES}: "id=shape:partner:currency"). */
  private static String apiKeyOfSource(String sourceId) {
    for (String source : LocalStack.SOURCES) {
      if (source.startsWith(sourceId + "=")) {
        String partner = source.split(":")[1];
        return LocalStack.DEMO_KEYS.stream().filter(demo -> demo[0].equals(partner)).findFirst().orElseThrow()[1];
      }
    }
    throw new IllegalArgumentException("unknown source " + sourceId);
  }

  private static int unseen(JsonNode made, VisibilityLog visible) {
    int unseen = 0;
    for (JsonNode change : made) {
      unseen += visible.visibleAt(apiId(change), change.get(4).asLong()) < 0 ? 1 : 0;
    }
    return unseen;
  }

  /**
   * The events of the window: those of orders updated at or before its end (the source's update time, or the poll
   * that saw the change). The simulator goes on during the drain, so events of later changes are always on their way
   * when it ends; counted, they were "not visible" or "without a view" in every run (40–133 before 2026-12-05).
   */
  private static List<CommitObserver.Committed> ofWindow(List<CommitObserver.Committed> events, long windowEnd) {
    return events.stream().filter(event -> event.updatedAt() <= windowEnd).toList();
  }

  /**
   * Events not yet on the API, or whose view the ledger has not committed yet: the events of the window's last cycles
   * are still on their way when every upstream change has been seen (the drain once stopped with 37 events whose views
   * were being committed, which then looked like events the ledger had not applied).
   */
  private static int unseenEvents(List<CommitObserver.Committed> events, List<CommitObserver.Committed> views, VisibilityLog visible) {
    var viewsByOrder = CommitObserver.byOrder(views);
    int unseen = 0;
    for (CommitObserver.Committed event : events) {
      var viewVersions = viewsByOrder.get(event.orderId());
      boolean viewed = viewVersions != null && viewVersions.ceilingEntry(event.updatedAt()) != null;
      unseen += !viewed || visible.visibleAt(event.orderId(), event.updatedAt()) < 0 ? 1 : 0;
    }
    return unseen;
  }

  /**
   * The ledger's own count of what it did with its inputs ({@code ledger_events_decided_total}, and the reasons of
   * those rejected): what the events without a view were.
   */
  private static String ledgerDecisions(HttpClient http, String ledgerUrl) {
    try {
      StringBuilder decided = new StringBuilder();
      for (String line : get(http, ledgerUrl + "/actuator/prometheus").split("\n")) {
        java.util.regex.Matcher m = java.util.regex.Pattern
            .compile("^ledger_events_(decided|rejected)_total\\{(?:decision|reason)=\"([A-Z_]+)\"} ([0-9.E]+)$").matcher(line);
        long count = m.matches() ? new java.math.BigDecimal(m.group(3)).longValue() : 0; // Prometheus writes counts as 22346.0
        if (count > 0) {
          decided.append(String.format(" %s%s %,d;", m.group(1).equals("rejected") ? "rejected as " : "", m.group(2), count));
        }
      }
      return decided.isEmpty() ? "none" : decided.substring(1, decided.length() - 1);
    } catch (Exception e) {
      return "not read (" + e + ")";
    }
  }

  private static int changeCount(HttpClient http, LocalStack stack) throws Exception {
    return JSON.readTree(get(http, stack.simulatorUrl() + "/control/status")).get("changes").asInt();
  }

  private static String get(HttpClient http, String url) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }
}
