package io.orderledger.benchmarks;

import io.orderledger.events.codec.EventSerdes;
import io.orderledger.ledger.topology.LedgerTopicNames;
import io.orderledger.local.LocalStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.common.utils.Utils;

/**
 * Time to ready again after a crash, with the state of {@code orders} orders in the ledger's and the query service's
 * stores: the local stack's own processes, supervised as {@code ./run-local.sh} runs them, against a broker whose
 * {@code order-events} was filled before they started ({@link OrderFlow}; the simulator is paused, so nothing else
 * arrives). Once both have folded everything (lag 0 on each of their inputs), each service is, in turn:
 * <ol>
 *   <li>stopped cleanly (SIGTERM: Kafka Streams closes its stores, flushing each one's memtables with the changelog offset
 *   it keeps inside it): the baseline;</li>
 *   <li>killed (SIGKILL: no close, no flush; each store holds what its last memtable flush wrote, and the rest is restored),
 *   as a crashed host or an OOM kill does;</li>
 *   <li>killed, and its state directory deleted before it starts again, as a replaced disk or a new instance finds
 *   it: everything is restored from the changelogs.</li>
 * </ol>
 * The supervisor starts each one again; the figures are from the new process's start (the supervisor's backoff is
 * left out) to Kafka Streams RUNNING (the ledger's health, the query service's readiness, which refuses traffic until
 * then), and how many records it restored on the way: what its restore consumers fetched from the changelogs and, for
 * the ledger, what its global consumer read of {@code order-owners} (the global store of order owners, read to its end
 * before the stream thread starts), from the service's Prometheus endpoint.
 * Run: {@code benchmarks/run.sh recovery [-Dorders=1000000 -Dpartners=200 -DtransactionalStores=true]}; the last
 * passes {@code enable.transactional.statestores} (KIP-892) to both services.
 */
public final class RecoveryBenchmark {

  private static final int PARTITIONS = 12;
  private static final long BURST = Long.getLong("burst", 60_000); // the services' default (ledger.topics.partitions, query.topics.partitions)
  private static final Pattern RESTORED = Pattern.compile(
      "(?m)^kafka_consumer_fetch_manager_records_consumed_total\\{client_id=\"[^\"]*-(?:restore|global)-consumer\"[^}]*} ([0-9.eE+]+)$");
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  public static void main(String[] args) throws Exception {
    long orders = Long.getLong("orders", 1_000_000);
    int partners = Integer.getInteger("partners", 200);
    boolean transactionalStores = Boolean.getBoolean("transactionalStores");
    String classpath = Files.readString(Path.of("local-stack/target/kafka-broker.classpath")).strip()
        + java.io.File.pathSeparator + Path.of("local-stack/target/classes").toAbsolutePath();
    LedgerTopicNames names = LedgerTopicNames.defaults();
    try (BenchmarkKafka kafka = BenchmarkKafka.start(Integer.getInteger("port", 19092))) {
      kafka.createTopics(PARTITIONS, names.orderEvents());
      long filling = System.nanoTime();
      OrderFlow flow = new OrderFlow(1234, partners, 20_000);
      long[] events = {0};
      LedgerBenchmark.fill(kafka, names.orderEvents(), flow, f -> {
        events[0]++;
        return f.created() < orders;
      }, EventSerdes.shipped());
      System.out.printf("input: %,d orders of %d partners in %,d events on %d partitions, written in %.1f s%n", flow.created(), partners,
          events[0] - 1, PARTITIONS, (System.nanoTime() - filling) / 1e9);

      long initialOrders = flow.created();
      List<String> storeArgs = transactionalStores
          ? List.of("--spring.kafka.streams.properties.enable.transactional.statestores=true") : List.of();
      Path data = WorkDirs.create("recovery");
      LocalStack.Options options = new LocalStack.Options(Path.of("").toAbsolutePath(), data, kafka.bootstrapServers(), 18080, 0, 18090,
          18081, 18082, 1_000, 1, 7, 30_000, Duration.ofSeconds(60), false);
      try (LocalStack stack = LocalStack.start(options, classpath, Map.of("ledger", storeArgs, "query", storeArgs))) {
        awaitOk(stack.simulatorUrl() + "/control/pause", Duration.ofSeconds(60));
        long building = System.nanoTime();
        awaitCaughtUp(kafka, stack, names, Duration.ofMinutes(30));
        System.out.printf("transactional state stores (KIP-892): %s; both services folded the input in %.1f s (lag 0 on every input)%n",
            transactionalStores ? "on" : "off", (System.nanoTime() - building) / 1e9);
        System.out.printf("state on disk: ledger %s, query service %s; their changelogs hold %,d and %,d offsets%n",
            megabytes(data.resolve("ledger-state")), megabytes(data.resolve("query-state")), kafka.offsetsOfTopicsStartingWith("order-ledger-"),
            kafka.offsetsOfTopicsStartingWith("order-query-"));

        if (LocalStack.classDataSharingOn()) {
          // Trained in the background since the stack started: every restart measured below maps the archives.
          Await.until("the services' class-data archives are trained", Duration.ofMinutes(5), Duration.ofMillis(500),
              stack::classDataTrained);
        }
        List<String> results = new ArrayList<>();
        for (String service : List.of("ledger", "query")) {
          for (Stop stop : Stop.values()) {
            // Stopped in the middle of work, as a crash finds a service: a burst of new input, and the signal once the
            // ledger has folded part of it (transactions open, stores written but not yet committed).
            long[] burst = {0};
            LedgerBenchmark.fill(kafka, names.orderEvents(), flow, f -> burst[0]++ < BURST, EventSerdes.shipped());
            awaitLedgerLagBelow(kafka, names, BURST * 3 / 4, Duration.ofMinutes(2));
            long oldPid = stack.pid(service);
            ProcessHandle process = ProcessHandle.of(oldPid).orElseThrow();
            if (stop == Stop.SIGTERM) {
              process.destroy();
            } else {
              process.destroyForcibly();
            }
            process.onExit().get();
            long stateDeleted = 0;
            Path lostState = null;
            if (stop == Stop.STATE_LOST) {
              // Within the supervisor's backoff (a second or more), checked below: the new process must find no state.
              // Moved aside in one rename, deleted once measured: deleting 7 GB of a million orders' stores took
              // longer than the backoff, and would have shared the disk with the restore it measures.
              lostState = moveAside(data.resolve(service + "-state"));
              stateDeleted = System.nanoTime();
            }
            long started = awaitNewProcess(stack, service, oldPid, Duration.ofMinutes(2));
            if (stop == Stop.STATE_LOST && started < stateDeleted) {
              throw new IllegalStateException(service + " started again before its state directory was deleted:"
                  + " the figure would not be an empty disk's");
            }
            long ready = awaitRunning(stack, service, Duration.ofMinutes(20));
            long restoredRecords = restored(stack, service); // the new process's counters start at zero
            if (lostState != null) {
              Utils.delete(lostState.toFile());
            }
            String line = String.format("%s after %s: RUNNING %.1f s after the new process started (Spring started at %.1f s),"
                + " %,d records restored; class-data archive %s; %s", service, stop.label, (ready - started) / 1e9,
                stack.springStartedSeconds(service), restoredRecords, stack.mapsClassDataArchive(service) ? "mapped" : "not mapped",
                stack.startedAheadOfTime(service) ? "ahead-of-time context" : "context built at start");
            System.out.println(line);
            results.add(String.format("%s_%s_ready_s=%.1f %s_%s_restored=%d", service, stop.key, (ready - started) / 1e9,
                service, stop.key, restoredRecords));
            awaitCaughtUp(kafka, stack, names, Duration.ofMinutes(20));
          }
        }
        System.out.printf("RESULT recovery orders=%d (%d after the bursts) transactional_stores=%s class_data_sharing=%s spring_aot=%s %s%n",
            initialOrders, flow.created(), transactionalStores, LocalStack.classDataSharingOn(), LocalStack.springAheadOfTimeOn(),
            String.join(" ", results));
      }
    }
  }

  /** How a service is stopped before its supervisor starts it again. */
  private enum Stop {
    /** Kafka Streams closes its stores, flushing them with their changelog offsets: the baseline. */
    SIGTERM("SIGTERM", "term"),
    /** No close, no flush: a crashed host or an OOM kill. */
    SIGKILL("SIGKILL", "kill"),
    /** Killed, and its state directory gone: a replaced disk or host, a new instance. Everything is restored. */
    STATE_LOST("SIGKILL with its state directory deleted", "lost");

    private final String label;
    private final String key;

    Stop(String label, String key) {
      this.label = label;
      this.key = key;
    }
  }

  /** Lag 0 for the ledger on its input and for the query service on each of its inputs. */
  private static void awaitCaughtUp(BenchmarkKafka kafka, LocalStack stack, LedgerTopicNames names, Duration atMost) throws Exception {
    Await.until("the ledger and the query service have read all their inputs", atMost, Duration.ofMillis(500), () -> {
      if (stack.deadService() != null) {
        throw new IllegalStateException("a service stopped: " + stack.deadService());
      }
      return kafka.stackLag(names) == 0;
    });
  }

  private static void awaitLedgerLagBelow(BenchmarkKafka kafka, LedgerTopicNames names, long lag, Duration atMost) throws Exception {
    Await.until("the ledger has started on the burst", atMost, Duration.ofMillis(20),
        () -> kafka.lag("order-ledger", names.orderEvents(), PARTITIONS) < lag);
  }

  /** The directory renamed to a sibling in one step, so that a process starting now finds no state there. */
  private static Path moveAside(Path directory) throws IOException {
    Path aside = directory.resolveSibling(directory.getFileName() + ".lost-" + System.nanoTime());
    return Files.move(directory, aside, StandardCopyOption.ATOMIC_MOVE);
  }

  /** When the supervisor's new process for the service started (its own start time, not when a look noticed it). */
  private static long awaitNewProcess(LocalStack stack, String service, long oldPid, Duration atMost) throws InterruptedException {
    Await.until(service + " is started again", atMost, Duration.ofMillis(20), () -> stack.pid(service) > 0 && stack.pid(service) != oldPid);
    long now = System.nanoTime();
    return ProcessHandle.of(stack.pid(service)).flatMap(p -> p.info().startInstant())
        .map(at -> now - Duration.between(at, java.time.Instant.now()).toNanos()).orElse(now);
  }

  /** When the service's Kafka Streams reached RUNNING: every active task restored and processing. */
  private static long awaitRunning(LocalStack stack, String service, Duration atMost) throws Exception {
    Await.until(service + " is RUNNING", atMost, Duration.ofMillis(50), () -> running(stack, service));
    return System.nanoTime();
  }

  private static boolean running(LocalStack stack, String service) throws IOException, InterruptedException {
    if (service.equals("ledger")) {
      String health = get("http://127.0.0.1:" + stack.ledgerPort() + "/actuator/health/readiness").body();
      return health.contains("\"state\":\"RUNNING\"");
    }
    // The query service refuses traffic until its first RUNNING.
    return get(stack.managementUrl() + "/actuator/health/readiness").statusCode() == 200;
  }

  /** The records the service restored since it started: what its restore consumers and its global consumer fetched. */
  private static long restored(LocalStack stack, String service) throws Exception {
    String base = service.equals("ledger") ? "http://127.0.0.1:" + stack.ledgerPort() : stack.managementUrl();
    Matcher counts = RESTORED.matcher(get(base + "/actuator/prometheus").body());
    long total = 0;
    while (counts.find()) {
      total += Math.round(Double.parseDouble(counts.group(1))); // a counter Prometheus renders as a float ("1234.0")
    }
    return total;
  }

  private static void awaitOk(String url, Duration atMost) throws Exception {
    Await.until(url + " answers 200", atMost, Duration.ofMillis(200), () -> get(url).statusCode() == 200);
  }

  private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String megabytes(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      long bytes = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
      return String.format("%,.0f MB", bytes / 1e6);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
