package io.orderledger.audit.cli;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.orderledger.audit.ExitCode;
import io.orderledger.audit.kafka.Cluster;
import io.orderledger.audit.verify.Difference;
import io.orderledger.audit.verify.Progress;
import io.orderledger.audit.verify.ReportWriter;
import io.orderledger.audit.verify.Verifier;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code verify}: re-fold order-events with the ledger's rules and compare with everything the services published. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Re-fold order-events with the ledger's own rules and compare with every decision, journal entry (and hash chain),",
        "rejection and order view the services published. Exit 0: everything matches; 1: differences (listed in the report); 2: cannot run."})
public final class VerifyCommand implements Callable<Integer> {

  @Mixin
  KafkaOptions kafka;

  @Spec
  CommandSpec spec;

  @Option(names = "--partner", paramLabel = "ID", description = "Verify one partner only.")
  String partner;

  @Option(names = "--report", paramLabel = "DIR", description = "Write report.json and report.html there.")
  Path report;

  @Option(names = "--events-topic", defaultValue = "order-events", paramLabel = "TOPIC", description = "The ledger's input (default ${DEFAULT-VALUE}).")
  String eventsTopic;

  @Option(names = "--views-prefix", defaultValue = "", paramLabel = "PREFIX",
      description = "Prefix of the output topics to check, e.g. a replay's '<application-id>-' (default: none, the live ones).")
  String viewsPrefix;

  @Option(names = "--until", paramLabel = "TIME", converter = TimeConverter.class,
      description = "Leave out inputs ingested after this time (to check a replay --until).")
  Instant until;

  @Option(names = "--follow", description = "After the first pass, keep verifying as new records arrive.")
  boolean follow;

  @Option(names = "--keep-going", description = "With --follow: do not stop at the first difference.")
  boolean keepGoing;

  @Option(names = "--interval", defaultValue = "2s", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "With --follow: pause between passes (default ${DEFAULT-VALUE}).")
  Duration interval;

  @Option(names = "--metrics-port", paramLabel = "PORT", description = "With --follow: serve the lag as Prometheus metrics on this port.")
  Integer metricsPort;

  @Option(names = "--quiet", description = "No progress output.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try (Cluster cluster = kafka.connect();
         Verifier verifier = new Verifier(cluster, Verifier.Topics.of(eventsTopic, viewsPrefix), partner,
             until == null ? Long.MAX_VALUE : until.toEpochMilli(), quiet ? Progress.none() : Progress.to(System.err))) {
      long started = System.nanoTime();
      Verifier.Pass pass = verifier.pass();
      summary(out, verifier, pass, (System.nanoTime() - started) / 1e9);
      writeReport(cluster, verifier, pass);
      if (!follow) {
        return verifier.findings().total() == 0 ? ExitCode.OK : ExitCode.DIFFERENCES;
      }
      return follow(out, cluster, verifier, pass);
    }
  }

  private int follow(PrintWriter out, Cluster cluster, Verifier verifier, Verifier.Pass first) throws Exception {
    AtomicLong behindRecords = new AtomicLong(first.behindRecords());
    AtomicLong behindMillis = new AtomicLong(first.behindMillis());
    AtomicLong verifiedTotal = new AtomicLong(verifier.checked().inputs());
    AtomicLong differences = new AtomicLong(verifier.findings().total());
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Gauge.builder("ledger_audit_behind_records", behindRecords, AtomicLong::get)
        .description("input records the ledger has not yet decided or this verify not yet checked").register(registry);
    Gauge.builder("ledger_audit_behind_seconds", behindMillis, v -> v.get() / 1000.0)
        .description("how long ago the last verified input was ingested, while there are unverified ones").register(registry);
    Gauge.builder("ledger_audit_verified_records", verifiedTotal, AtomicLong::get).register(registry);
    Gauge.builder("ledger_audit_differences", differences, AtomicLong::get).register(registry);
    com.sun.net.httpserver.HttpServer server = null;
    if (metricsPort != null) {
      server = com.sun.net.httpserver.HttpServer.create(new InetSocketAddress(metricsPort), 0);
      server.createContext("/metrics", exchange -> {
        byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
      });
      server.start();
      out.printf("metrics on http://0.0.0.0:%d/metrics%n", metricsPort);
    }
    try {
      while (!Thread.currentThread().isInterrupted()) {
        if (verifier.findings().total() > 0 && !keepGoing) {
          out.printf("stopping at the first differences (--keep-going to go on)%n");
          return ExitCode.DIFFERENCES;
        }
        Thread.sleep(interval.toMillis());
        Verifier.Pass pass = verifier.pass();
        behindRecords.set(pass.behindRecords());
        behindMillis.set(pass.behindMillis());
        verifiedTotal.set(verifier.checked().inputs());
        differences.set(verifier.findings().total());
        out.printf("%s verified %,d more (%,d in all); behind the log: %,d records, %.1f s; longest wait from ingestion to verification"
                + " this pass: %.1f s; differences: %,d%n", Instant.now(), pass.verified(), verifier.checked().inputs(), pass.behindRecords(),
            pass.behindMillis() / 1000.0, pass.longestWaitMillis() / 1000.0, verifier.findings().total());
        out.flush();
        writeReport(cluster, verifier, pass);
      }
      return verifier.findings().total() == 0 ? ExitCode.OK : ExitCode.DIFFERENCES;
    } finally {
      if (server != null) {
        server.stop(0);
      }
    }
  }

  private void summary(PrintWriter out, Verifier verifier, Verifier.Pass pass, double seconds) {
    Verifier.Checked c = verifier.checked();
    out.printf("verified %,d input records in %.1f s (%,.0f records/s): %,d decisions, %,d journal entries, %,d order views, %,d rejections"
            + " compared; %,d orders held in memory%n", c.inputs(), seconds, c.inputs() / Math.max(seconds, 1e-3), c.decisions(), c.entries(),
        c.views(), c.rejects(), c.ordersInMemory());
    if (pass.behindRecords() > 0) {
      out.printf("not yet verified: %,d records the ledger has not decided yet%n", pass.behindRecords());
    }
    var findings = verifier.findings();
    if (findings.total() == 0) {
      out.printf("VERIFIED: everything the services published is what the rules give (%d partners)%n", findings.byPartner().size());
    } else {
      out.printf("DIFFERENCES: %,d%n", findings.total());
      findings.byKind().forEach((kind, count) -> out.printf("  %-20s %,d  (%s)%n", kind, count, kind.meaning()));
      for (Difference d : findings.kept().subList(0, Math.min(10, findings.kept().size()))) {
        out.printf("  %s partner=%s order=%s%s%s: expected %s, found %s%n", d.kind(), d.partnerId(), d.orderId(),
            d.sequence() == null ? "" : " " + d.currency() + " sequence=" + d.sequence(),
            d.inputPartition() < 0 ? "" : " input=" + d.inputPartition() + "/" + d.inputOffset(), d.expected(), d.found());
      }
    }
    if (findings.unreadableCount() > 0) {
      out.printf("unreadable input records (rejected by the ledger, as checked): %,d%n", findings.unreadableCount());
    }
    out.flush();
  }

  private void writeReport(Cluster cluster, Verifier verifier, Verifier.Pass pass) {
    if (report != null) {
      ReportWriter.write(report, new ReportWriter.Report(cluster.bootstrapServers(), verifier.topics(), partner, Instant.now(),
          verifier.checked(), pass, verifier.findings()));
    }
  }
}
