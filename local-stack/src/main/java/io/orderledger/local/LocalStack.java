package io.orderledger.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The whole ledger on one machine: a KRaft broker (unless one is given), the provider simulator with two demo
 * partners, the poller, the ledger and the query service, each its own process, their logs under the data folder.
 * Each process is supervised: one that exits unasked is started again with backoff while the rest keep running
 * ({@link SupervisedService}); one that crash-loops makes the stack give up, naming it. The ledger and the query
 * service are static members of their consumer groups, so a restarted one takes its partitions back at once instead
 * of waiting out its previous incarnation's session. Closing the stack stops them all, newest first, each with
 * SIGTERM and a grace period.
 */
public final class LocalStack implements AutoCloseable {

  /**
   * What the stack runs with; every port is on 127.0.0.1.
   *
   * @param settleMillis     the simulator settles every order within this long of its creation
   * @param settleWindow     the poller's settle window: at least {@code settleMillis}
   * @param apiRateLimit     whether the API limits each key's request rate (a benchmark's observer turns it off)
   */
  public record Options(Path repository, Path dataDir, String bootstrapServers, int apiPort, int brokerPort, int simulatorPort,
                        int ledgerPort, int pollerPort, long simulatorTickMillis, int ordersPerTick, long seed, long settleMillis,
                        java.time.Duration settleWindow, boolean apiRateLimit) {
  }

  /** The demo partners, their keys and the upstream sources that feed them. */
  public static final List<String[]> DEMO_KEYS = List.of(
      new String[] {"partner-a", "demo-partner-a-key"},
      new String[] {"partner-b", "demo-partner-b-key"});
  /**
   * What each demo key may do: partner-a's key is also an auditor's (histories with the sources' records, statements,
   * asOf); partner-b's reads its orders and wallet only, as every key does unless granted more.
   */
  public static final Map<String, String> DEMO_PERMISSIONS = Map.of("partner-a", "orders:read,wallet:read,audit:read",
      "partner-b", "orders:read,wallet:read");
  /**
   * partner-a buys through NetConnect and a gift-card reseller (one GHS wallet); partner-b buys through NetConnect
   * (GHS) and an eSIM provider (USD), and sells through Paystack (GHS: its customers' payments credit the wallet).
   */
  public static final List<String> SOURCES = List.of("nc-a=netconnect:partner-a:GHS", "gc-a=gift_card:partner-a:GHS",
      "nc-b=netconnect:partner-b:GHS", "es-b=esim:partner-b:USD", "ps-b=paystack:partner-b:GHS");
  /**
   * Personal data kept out of Kafka in the demo: the gift-card buyer's email is dropped, the Paystack customer's
   * email is replaced by its keyed hash (still matchable across orders, not readable).
   */
  static final Map<String, List<String>> DROPPED = Map.of("gc-a", List.of("email"));
  static final Map<String, List<String>> HASHED = Map.of("ps-b", List.of("customer.email"));

  private final Options options;
  private final SupervisedService.Policy policy;
  private final SupervisedService.Listener listener;
  private final Map<String, List<String>> extraArgs;
  private final List<SupervisedService> services = new ArrayList<>();
  /** By executable jar: each module's, shared by its instances. */
  private final Map<Path, ClassDataSharing> classDataSharing = new java.util.HashMap<>();
  private final ClassDataTrainer trainer = new ClassDataTrainer(this::logs);
  private volatile LocalKafkaBroker broker;
  private String bootstrapServers;
  /** System property: a folder for each service's flight recording ({@link #flightRecording}). */
  public static final String FLIGHT_RECORDINGS = "stack.flight-recordings";
  /**
   * System property prefix: more JVM options for one service's processes, after the stack's own, to try a setting
   * without a rebuild ({@code -Dstack.jvm-options.query-service="-XX:NewSize=32m"}, space-separated).
   */
  public static final String JVM_OPTIONS = "stack.jvm-options.";
  /**
   * System property: another checkout whose built jars the poller, the ledger and the query service run from, under
   * this stack's launcher, broker and simulator. A benchmark measures an older build's services with today's harness
   * this way, in the same hour as today's ({@code -Dstack.services-from=/path/to/old-checkout}).
   */
  public static final String SERVICES_FROM = "stack.services-from";

  /** How many ledger and query-service instances run (1: the demo; 2: a cluster, as a rolling restart needs). */
  private final int instances;
  /** Instance n's ports (index n - 1): the API, the query service's operations, the ledger's operations. */
  private final List<Integer> apiPorts = new ArrayList<>();
  private final List<Integer> queryManagementPorts = new ArrayList<>();
  private final List<Integer> ledgerPorts = new ArrayList<>();

  private LocalStack(Options options, SupervisedService.Policy policy, SupervisedService.Listener listener,
                     Map<String, List<String>> extraArgs, int instances) {
    this.options = options;
    this.policy = policy;
    this.listener = listener;
    this.extraArgs = extraArgs;
    this.instances = instances;
    apiPorts.add(options.apiPort());
    queryManagementPorts.add(freePortNear(options.apiPort() + 1000));
    ledgerPorts.add(options.ledgerPort());
    for (int n = 2; n <= instances; n++) {
      apiPorts.add(freePortNear(0));
      queryManagementPorts.add(freePortNear(0));
      ledgerPorts.add(freePortNear(0));
    }
  }

  /**
   * A free port, {@code preferred} if it is, and none this stack already uses: the kernel may offer a port it offered a
   * moment before (the socket asked with is closed at once), and two services told one port would have one of them
   * fail to bind.
   */
  private int freePortNear(int preferred) {
    Set<Integer> taken = new HashSet<>(List.of(options.apiPort(), options.brokerPort(), options.simulatorPort(),
        options.ledgerPort(), options.pollerPort()));
    taken.addAll(apiPorts);
    taken.addAll(queryManagementPorts);
    taken.addAll(ledgerPorts);
    for (int attempt = 0; attempt < 100; attempt++) {
      int port = attempt == 0 ? preferred : 0;
      try (java.net.ServerSocket socket = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
        if (!taken.contains(socket.getLocalPort())) {
          return socket.getLocalPort();
        }
      } catch (java.io.IOException | IllegalArgumentException busy) {
        // ask the kernel for another
      }
    }
    throw new IllegalStateException("no free port for a service of the stack");
  }

  public static LocalStack start(Options options, String classpath) {
    return start(options, classpath, Map.of());
  }

  /**
   * @param extraArgs more arguments by service ("poller", "ledger", "query"), after the stack's own: a cluster's
   *                  replication settings, for example
   */
  public static LocalStack start(Options options, String classpath, Map<String, List<String>> extraArgs) {
    return start(options, classpath, extraArgs, 1);
  }

  /**
   * @param instances how many instances of the ledger and of the query service to run: with more than one, they form a
   *     cluster (one standby replica of every store; the query instances find each other through {@code
   *     application.server} and sign what they forward with a secret made for this start). Instance n is named
   *     "ledger-n" and "query-n" from the second on; {@link #apiUrl(int)}, {@link #managementUrl(int)} and {@link
   *     #ledgerPort(int)} give its ports. Extra arguments for "ledger" and "query" go to every instance.
   */
  public static LocalStack start(Options options, String classpath, Map<String, List<String>> extraArgs, int instances) {
    LocalStack stack = new LocalStack(options, SupervisedService.Policy.DEFAULT, new PrintingListener(), extraArgs, instances);
    try {
      stack.startAll(classpath);
      return stack;
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  public String apiUrl() {
    return "http://127.0.0.1:" + options.apiPort();
  }

  /** Query-service instance n's API (1 is {@link #apiUrl()}). */
  public String apiUrl(int instance) {
    return "http://127.0.0.1:" + apiPorts.get(instance - 1);
  }

  /** The query service's operations port (health, metrics, Prometheus), on loopback: not the API's. */
  public String managementUrl() {
    return managementUrl(1);
  }

  /** Query-service instance n's operations port. */
  public String managementUrl(int instance) {
    return "http://127.0.0.1:" + queryManagementPorts.get(instance - 1);
  }

  /** Ledger instance n's operations port. */
  public int ledgerPort(int instance) {
    return ledgerPorts.get(instance - 1);
  }

  /** The name the supervisor knows instance n of "ledger" or "query" by. */
  public static String instanceName(String service, int instance) {
    return instance == 1 ? service : service + "-" + instance;
  }

  public int instances() {
    return instances;
  }

  public String simulatorUrl() {
    return "http://127.0.0.1:" + options.simulatorPort();
  }

  public int pollerPort() {
    return options.pollerPort();
  }

  /** The ledger's port: operations only (health, metrics). */
  public int ledgerPort() {
    return options.ledgerPort();
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public Path logs() {
    return options.dataDir().resolve("logs");
  }

  /** The first service the supervisor gave up on, with why, or null while every one is running or restarting. */
  public String deadService() {
    for (SupervisedService service : services) {
      if (service.gaveUp() != null) {
        return service.name() + " (" + service.gaveUp() + ")";
      }
    }
    return null;
  }

  /** The process id of a service ("broker", "simulator", "poller", "ledger", "query"), -1 while it is restarting. */
  public long pid(String service) {
    return service(service).pid();
  }

  /** How many times the supervisor has started a service again. */
  public int restarts(String service) {
    return service(service).restarts();
  }

  private SupervisedService service(String name) {
    return services.stream().filter(s -> s.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no service " + name));
  }

  /**
   * Waits until the query service reports itself ready (readiness UP: its streams are running) and the API lists
   * partner-a's orders: broker, simulator, poller, ledger and query all working.
   */
  public void awaitOrdersVisible(Duration timeout) throws InterruptedException {
    HttpClient client = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      String dead = deadService();
      if (dead != null) {
        throw new IllegalStateException("a service stopped during startup: " + dead + "; see " + logs());
      }
      if (ready(client)) {
        return;
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("the API did not show orders within " + timeout + "; see " + logs());
  }

  private boolean ready(HttpClient client) throws InterruptedException {
    try {
      HttpResponse<String> readiness = client.send(HttpRequest.newBuilder(URI.create(managementUrl() + "/actuator/health/readiness"))
          .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
      if (readiness.statusCode() != 200) {
        return false;
      }
      HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(apiUrl() + "/api/v1/orders?orderType=all&limit=1"))
          .header("X-API-KEY", LocalStack.DEMO_KEYS.get(0)[1]).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 && response.body().contains("\"_id\"");
    } catch (java.io.IOException notYet) {
      return false; // the query service is still starting
    }
  }

  private void startAll(String classpath) {
    Path data = options.dataDir();
    mkdirs(logs());
    StackSecrets secrets = StackSecrets.loadOrCreate(data);
    if (options.bootstrapServers() == null) {
      supervise("broker", () -> {
        broker = LocalKafkaBroker.start(data.resolve("kafka"), options.brokerPort(), classpath, "512m");
        return broker.process();
      });
      bootstrapServers = broker.bootstrapServers();
    } else {
      bootstrapServers = options.bootstrapServers();
    }
    List<String> simulator = new ArrayList<>(List.of(java(), "-Xmx256m", "-cp", classpath, "io.orderledger.simulator.SimulatorMain",
        "--port", String.valueOf(options.simulatorPort()), "--seed", String.valueOf(options.seed()),
        "--tick-ms", String.valueOf(options.simulatorTickMillis()), "--orders-per-tick", String.valueOf(options.ordersPerTick()),
        "--settle-ms", String.valueOf(options.settleMillis())));
    SOURCES.forEach(source -> simulator.addAll(List.of("--source", source)));
    launch("simulator", simulator);

    List<String> poller = jar("provider-poller", "256m", options.pollerPort());
    // The sources, whole, from the environment: a list is bound from one place only (Spring Boot replaces a list
    // rather than merging it), and the upstream's credentials must not be on the command line, which ps shows.
    Map<String, String> pollerSecrets = new java.util.HashMap<>(secrets.poller());
    int i = 0;
    for (String spec : SOURCES) {
      String id = spec.substring(0, spec.indexOf('='));
      String[] parts = spec.substring(spec.indexOf('=') + 1).split(":");
      String prefix = "POLLER_SOURCES_" + i++ + "_";
      pollerSecrets.put(prefix + "ID", id);
      pollerSecrets.put(prefix + "SHAPE", parts[0]);
      pollerSecrets.put(prefix + "PARTNERID", parts[1]);
      pollerSecrets.put(prefix + "BASEURL", simulatorUrl() + "/" + id);
      pollerSecrets.put(prefix + "SETTLEWINDOW", options.settleWindow().toMillis() + "ms");
      pollerSecrets.put(prefix + "APIKEY", id + "-key"); // the simulator's demo credentials
      pollerSecrets.put(prefix + "APISECRET", id + "-secret");
      List<String> drop = DROPPED.getOrDefault(id, List.of());
      List<String> hash = HASHED.getOrDefault(id, List.of());
      for (int f = 0; f < drop.size(); f++) {
        pollerSecrets.put(prefix + "REDACT_DROP_" + f, drop.get(f));
      }
      for (int f = 0; f < hash.size(); f++) {
        pollerSecrets.put(prefix + "REDACT_HASH_" + f, hash.get(f));
      }
    }
    launch("poller", poller, pollerSecrets);

    for (int n = 1; n <= instances; n++) {
      List<String> ledger = jar("ledger-service", "512m", ledgerPort(n));
      ledger.add("--spring.kafka.streams.state-dir=" + data.resolve(n == 1 ? "ledger-state" : "ledger-state-" + n));
      ledger.add("--spring.kafka.streams.properties.group.instance.id=local-ledger-" + n);
      if (instances > 1) {
        ledger.add("--spring.kafka.streams.properties.num.standby.replicas=1");
      }
      launch(instanceName("ledger", n), "ledger", ledger, secrets.ledger());
    }

    // What the query instances sign the requests they forward to each other with: made for this start.
    String clusterSecret = java.util.Base64.getEncoder().encodeToString(new java.security.SecureRandom().generateSeed(32));
    for (int n = 1; n <= instances; n++) {
      List<String> query = jar("query-service", "512m", apiPorts.get(n - 1));
      query.add("--server.address=127.0.0.1");
      query.add("--management.server.port=" + queryManagementPorts.get(n - 1));
      query.add("--spring.kafka.streams.state-dir=" + data.resolve(n == 1 ? "query-state" : "query-state-" + n));
      query.add("--spring.kafka.streams.properties.group.instance.id=local-query-" + n);
      query.add("--query.rate-limit.enabled=" + options.apiRateLimit());
      for (int k = 0; k < DEMO_KEYS.size(); k++) {
        query.add("--query.api-keys[" + k + "].partner-id=" + DEMO_KEYS.get(k)[0]);
        // Salted as a real deployment's keys are: a fresh salt per start (the key stays the demo's).
        String salt = HexFormat.of().formatHex(new java.security.SecureRandom().generateSeed(16));
        query.add("--query.api-keys[" + k + "].key-salt=" + salt);
        query.add("--query.api-keys[" + k + "].key-sha256=" + sha256(salt + ":" + DEMO_KEYS.get(k)[1]));
        query.add("--query.api-keys[" + k + "].permissions=" + DEMO_PERMISSIONS.get(DEMO_KEYS.get(k)[0]));
      }
      Map<String, String> environment = new java.util.HashMap<>(secrets.query());
      if (instances > 1) {
        query.add("--spring.kafka.streams.properties.application.server=127.0.0.1:" + apiPorts.get(n - 1));
        query.add("--spring.kafka.streams.properties.num.standby.replicas=1");
        environment.put("QUERY_CLUSTER_SECRET", clusterSecret);
      }
      launch(instanceName("query", n), "query", query, environment);
    }
    trainer.start();
  }

  /** Every secret the stack handed its services, and the upstream credentials: what no command line may show. */
  public List<String> secretValues() {
    List<String> values = new ArrayList<>(StackSecrets.loadOrCreate(options.dataDir()).values());
    SOURCES.forEach(spec -> {
      String id = spec.substring(0, spec.indexOf('='));
      values.add(id + "-key");
      values.add(id + "-secret");
    });
    return values;
  }

  /** The file the ledger's checkpoint public key is kept in: what an auditor checks signatures with. */
  public Path publicKeyFile() {
    return options.dataDir().resolve("secrets").resolve(StackSecrets.PUBLIC_KEY_FILE);
  }

  private List<String> jar(String module, String heap, int port) {
    Path builtIn = Path.of(System.getProperty(SERVICES_FROM, options.repository().toString()));
    Path jar = builtIn.resolve(module).resolve("target").resolve(module + "-0.1.0-SNAPSHOT-exec.jar");
    if (!Files.exists(jar)) {
      throw new IllegalStateException(jar + " is missing: build first (./run-local.sh builds what is missing)");
    }
    List<String> command = new ArrayList<>(List.of(java(), "-Xmx" + heap, collector(module)));
    command.addAll(COMPILERS_YIELD);
    command.add(METASPACE_THRESHOLD);
    command.addAll(flightRecording(module));
    command.addAll(SpringAheadOfTime.jvmOptions(jar));
    String more = System.getProperty(JVM_OPTIONS + module, "").strip();
    if (!more.isEmpty()) {
      command.addAll(List.of(more.split("\\s+")));
    }
    command.addAll(List.of("-jar", jar.toString(), "--spring.kafka.bootstrap-servers=" + bootstrapServers, "--server.port=" + port));
    return command;
  }

  /**
   * The collector a service runs with. The ledger's and the query service's young collections stop their stream
   * thread (and the API): on two shared cores the serial collector's single thread made them long (the query
   * service's added up to 2.0-2.7 s in 53-55 s of the freshness benchmark, single ones up to 346 ms), and the parallel
   * collector's two threads halved them (0.97-0.98 s; the ledger's 1.04 s to 0.39-0.43 s) at the same CPU per change
   * (4.06-4.16 s per 1,000 against 4.09-4.34), BENCHMARKS.md 2026-12-04. The poller's many short pauses barely
   * changed (1.22 s with it, 1.29-1.47 s without), and the serial collector is the smallest in memory: it keeps it.
   */
  static String collector(String module) {
    return module.equals("ledger-service") || module.equals("query-service") ? "-XX:+UseParallelGC" : "-XX:+UseSerialGC";
  }

  /**
   * The JIT compilers at nice 10, below the service's own threads. Minutes after a start they still compile (C2 above
   * all), and on two shared cores they were the threads that waited longest for a core in the freshness runs, beside
   * the stream threads they compete with; yielding to them cut the freshness tails (upstream → API p99 1.00-1.16 s
   * to 0.73-0.87 s, the query stage's 0.72-0.86 s to 0.58-0.66 s, BENCHMARKS.md 2026-12-06) at the same CPU per
   * change. HotSpot applies thread priorities only under {@code ThreadPriorityPolicy=1}; lowering one needs no
   * privilege. Run as root, it also gives its own reference-handling, GC and VM threads a little more than normal;
   * not as root, it warns once at start that raising a priority may need permission, and raises none. The service's
   * own threads (Kafka's, Tomcat's) run at Java's normal priority, which stays nice 0.
   */
  static final List<String> COMPILERS_YIELD = List.of("-XX:ThreadPriorityPolicy=1", "-XX:CompilerThreadPriority=10");

  /**
   * The metaspace's first collection threshold raised from HotSpot's 21 MB to 64 MB. With a class-data archive mapped,
   * most classes' metadata is in the archive, so a service's metaspace grows past its start slowly (reflection
   * accessors, lambda forms) and crossed 21 MB minutes later, under load: the query service's 18.1 MB at ready was 20.4
   * MB four minutes into the demo, and in a freshness run it crossed at 281 s. The parallel collector answers that
   * crossing with a full collection, which stopped the query service for 316 ms, the run's longest pause, in the
   * middle of the measured window (BENCHMARKS.md 2026-12-06). A threshold reserves and commits nothing; a JVM without
   * an archive (the Docker images) passes 21 MB while it starts, before it serves anything.
   */
  static final String METASPACE_THRESHOLD = "-XX:MetaspaceSize=64m";

  /**
   * With {@value #FLIGHT_RECORDINGS} set to a folder, each service records a Java Flight Recording (the "profile"
   * settings) into {@code <folder>/<module>.jfr}, written when the stack stops it: where a benchmark's CPU goes.
   */
  static List<String> flightRecording(String module) {
    String folder = System.getProperty(FLIGHT_RECORDINGS);
    if (folder == null || folder.isBlank()) {
      return List.of();
    }
    Path file = mkdirs(Path.of(folder).toAbsolutePath()).resolve(module + ".jfr");
    return List.of("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + file);
  }

  private void launch(String name, List<String> stackArgs) {
    launch(name, stackArgs, Map.of());
  }

  /** @param environment what the service reads its secrets from: never its command line, which every user's ps shows */
  private void launch(String name, List<String> stackArgs, Map<String, String> environment) {
    launch(name, name, stackArgs, environment);
  }

  /** @param service the service whose extra arguments the instance takes ("ledger" for "ledger-2") */
  private void launch(String name, String service, List<String> stackArgs, Map<String, String> environment) {
    List<String> command = new ArrayList<>(stackArgs);
    command.addAll(extraArgs.getOrDefault(service, List.of()));
    ClassDataSharing sharing = classDataSharing(command);
    if (sharing != null && !sharing.trained()) {
      trainer.add(name, sharing, command, environment);
    }
    supervise(name, () -> {
      // Asked at every start: a restart after the training maps the archive.
      List<String> now = sharing == null ? command : sharing.command(command);
      ProcessBuilder builder = new ProcessBuilder(now).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(logs().resolve(name + ".log").toFile()));
      builder.environment().putAll(environment);
      return builder.start();
    });
  }

  /**
   * Whether every service started from a jar has its class-data archive (trained at a first start, in the
   * background): from then on each of their starts maps it.
   */
  public boolean classDataTrained() {
    return !classDataSharing.isEmpty() && classDataSharing.values().stream().allMatch(ClassDataSharing::trained);
  }

  /** Whether the services start with class-data sharing (the default; {@code -Dstack.class-data-sharing=false} is off). */
  public static boolean classDataSharingOn() {
    return ClassDataSharing.enabled();
  }

  /** Whether a service whose build processed it ahead of time starts with that context (the default; {@code -Dstack.spring-aot=false} is off). */
  public static boolean springAheadOfTimeOn() {
    return SpringAheadOfTime.enabled();
  }

  /** Whether a service's process has its class-data archive mapped: it started with it, and its JVM could use it. */
  public boolean mapsClassDataArchive(String service) {
    try {
      return Files.readString(Path.of("/proc", String.valueOf(pid(service)), "maps")).contains(ClassDataSharing.ARCHIVE_PATH_END);
    } catch (IOException gone) {
      return false;
    }
  }

  private static final Pattern SPRING_START = Pattern.compile(": Starting (AOT-processed )?\\w+Application ");

  /**
   * Whether the service's latest start registered the bean definitions its build wrote ahead of time ({@link
   * SpringAheadOfTime}): Spring Boot names the application "AOT-processed" in the line it starts with.
   */
  public boolean startedAheadOfTime(String service) {
    return latestLogMatch(service, SPRING_START).map(start -> start.group(1) != null).orElse(false);
  }

  private static final Pattern SPRING_STARTED = Pattern.compile(": Started \\w+Application in [0-9.]+ seconds \\(process running for ([0-9.]+)\\)");

  /**
   * How long the service's latest start took until Spring's context was refreshed and its lifecycle beans (Tomcat,
   * Kafka Streams) started, from the JVM's start, as Spring Boot logs it; NaN until it has.
   */
  public double springStartedSeconds(String service) {
    return latestLogMatch(service, SPRING_STARTED).map(started -> Double.parseDouble(started.group(1))).orElse(Double.NaN);
  }

  /** The match of the last line in the service's log that the pattern finds; empty if none does or the log is unreadable. */
  private Optional<Matcher> latestLogMatch(String service, Pattern pattern) {
    try (var lines = Files.lines(logs().resolve(service + ".log"))) {
      return lines.map(pattern::matcher).filter(Matcher::find).reduce((earlier, later) -> later);
    } catch (IOException | UncheckedIOException unreadable) {
      return Optional.empty();
    }
  }

  /** The class-data sharing of a service started from its executable jar, extracted; null where there is none. */
  private ClassDataSharing classDataSharing(List<String> command) {
    int jar = command.indexOf("-jar");
    if (jar < 0 || !ClassDataSharing.enabled()) {
      return null;
    }
    Path executableJar = Path.of(command.get(jar + 1));
    ClassDataSharing sharing = classDataSharing.get(executableJar);
    if (sharing == null) {
      sharing = new ClassDataSharing(executableJar);
      if (!sharing.extract()) {
        return null; // it said why; the service starts from its jar as built
      }
      classDataSharing.put(executableJar, sharing);
    }
    return sharing;
  }

  private void supervise(String name, SupervisedService.Launcher launcher) {
    SupervisedService service = new SupervisedService(name, launcher, policy, listener);
    try {
      service.start();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("cannot start " + name + ": " + e.getMessage(), e);
    }
    services.add(service);
  }

  /** Stops every process, the newest first, so nothing is left running; the broker last, once the rest have exited. */
  @Override
  public void close() {
    trainer.stop();
    List<SupervisedService> services = new ArrayList<>(this.services);
    java.util.Collections.reverse(services);
    List<SupervisedService> brokers = services.stream().filter(s -> s.name().equals("broker")).toList();
    services.removeAll(brokers);
    services.forEach(SupervisedService::stop);
    services.forEach(s -> s.awaitStopped(Duration.ofSeconds(30)));
    brokers.forEach(SupervisedService::stop);
    brokers.forEach(s -> s.awaitStopped(Duration.ofSeconds(30)));
  }

  /** Says on the console what the supervisor does, naming the service and how it exited. */
  static final class PrintingListener implements SupervisedService.Listener {

    @Override
    public void restarting(String service, String exit, int restart, Duration backoff) {
      System.out.printf("[local-stack] %s stopped unexpectedly (%s); starting it again in %d ms (restart %d)%n", service, exit,
          backoff.toMillis(), restart);
    }

    @Override
    public void restarted(String service, long pid) {
      System.out.printf("[local-stack] %s started again (pid %d)%n", service, pid);
    }

    @Override
    public void gaveUp(String service, String exit, String why) {
      System.err.printf("[local-stack] %s keeps stopping (%s); giving up on it%n", service, why);
    }
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static String sha256(String key) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path mkdirs(Path dir) {
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
