package io.orderledger.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./run-local.sh}'s Java half: starts the {@link LocalStack}, waits until the API answers with demo data,
 * prints the banner, and stops everything on Ctrl-C or SIGTERM.
 */
public final class LocalStackMain {

  private LocalStackMain() {
  }

  public static void main(String[] args) throws Exception {
    Path repository = Path.of("").toAbsolutePath();
    Path dataDir = repository.resolve(".local");
    String bootstrap = null;
    int port = 8080;
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--bootstrap-servers" -> bootstrap = value;
        case "--port" -> port = Integer.parseInt(value);
        case "--data-dir" -> dataDir = Path.of(value).toAbsolutePath();
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
      i++;
    }
    String classpath = LocalKafkaBroker.classpathFrom(repository.resolve("local-stack/target/kafka-broker.classpath"))
        + java.io.File.pathSeparator + repository.resolve("local-stack/target/classes");
    LocalStack.Options options = new LocalStack.Options(repository, dataDir, bootstrap, port, 9092, 8090, 8081, 8082,
        1_000, 2, System.currentTimeMillis(), 30_000, Duration.ofSeconds(60), true);
    System.out.println("Starting the order ledger (logs in " + dataDir.resolve("logs") + ") ...");
    LocalStack stack = LocalStack.start(options, classpath);
    CountDownLatch stopped = new CountDownLatch(1);
    java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      closing.set(true);
      System.out.println("\nStopping every process the local stack started ...");
      stack.close();
      stopped.countDown();
    }, "local-stack-shutdown"));
    long begun = System.nanoTime();
    stack.awaitOrdersVisible(Duration.ofSeconds(120));
    System.out.printf("Ready in %.1f s (the API answers, its streams running).%n", (System.nanoTime() - begun) / 1e9);
    String key = LocalStack.DEMO_KEYS.get(0)[1];
    System.out.printf("""

        ┌──────────────────────────────────────────────────────────────────────────────────────────┐
          order ledger running on a real Kafka broker at %s
          console    %s/console   (sign in with a demo key)
          API        %s   (OpenAPI: %s/v3/api-docs)
          topics     %s/events/asyncapi.json   (AsyncAPI; ./ledger-audit.sh tail --topic order-events)
          demo keys  demo-partner-a-key (partner-a: NetConnect + gift cards)
                     demo-partner-b-key (partner-b: NetConnect + eSIM in USD; sells through Paystack)
          try        curl -H 'X-API-KEY: %s' '%s/api/v1/orders?orderType=all'
                     curl -H 'X-API-KEY: %s' '%s/api/v1/wallet'
          audit      curl -H 'X-API-KEY: %s' '%s/api/v1/wallet/statement?limit=5'
                     curl -H 'X-API-KEY: %s' '%s/api/v1/orders/<id>/history'
          audit key  only demo-partner-a-key holds audit:read (histories, statements, asOf); partner-b's gets 403 there
          verify     ./ledger-audit.sh verify --report target/audit   (its own rules; checks every signature too)
          ops        %s/actuator/health, /actuator/prometheus   (loopback only; not on the API's port)
          logs       %s
          restarts   a service that stops unexpectedly is started again (gives up after 5 in 2 min)
          stop       Ctrl-C (stops every process it started; run again to resume)
        └──────────────────────────────────────────────────────────────────────────────────────────┘
        %n""", stack.bootstrapServers(), stack.apiUrl(), stack.apiUrl(), stack.apiUrl(), stack.apiUrl(), key, stack.apiUrl(), key, stack.apiUrl(), key, stack.apiUrl(),
        key, stack.apiUrl(), stack.managementUrl(), stack.logs());
    while (!stopped.await(5, java.util.concurrent.TimeUnit.SECONDS)) {
      String dead = stack.deadService();
      if (dead != null && !closing.get()) {
        System.err.println("The " + dead + " keeps stopping: see " + stack.logs() + "; stopping the rest.");
        System.exit(1);
      }
    }
  }
}
