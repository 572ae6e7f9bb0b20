package io.orderledger.audit.cli;

import io.orderledger.events.topic.TopicNames;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.orderledger.audit.CannotRun;
import io.orderledger.audit.ExitCode;
import io.orderledger.audit.kafka.Cluster;
import io.orderledger.audit.verify.Audit;
import io.orderledger.events.seal.CheckpointSignature;
import io.orderledger.audit.verify.Coverage;
import io.orderledger.audit.verify.Difference;
import io.orderledger.audit.verify.kafka.Verifier;
import io.orderledger.audit.verify.report.Progress;
import io.orderledger.audit.verify.report.ReportWriter;
import io.orderledger.audit.verify.api.ApiComparison;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
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
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code verify}: re-fold order-events with the auditor's own rules and compare with everything the services published. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Re-fold order-events with the auditor's own implementation of the ledger's rules (not the ledger's code) and compare",
        "with every decision, journal entry (and hash chain, and signed checkpoint), rejection, order view, discrepancy and order owner",
        "the services published, and with what the API serves (--api).",
        "Exit 0: VERIFIED; 1: DIFFERENCES, STALLED (inputs left undecided beyond --max-undecided-age) or NOTHING_VERIFIED; 2: cannot run."})
public final class VerifyCommand implements Callable<Integer> {

  @Mixin
  KafkaOptions kafka;

  @Spec
  CommandSpec spec;

  @Option(names = "--partner", paramLabel = "ID", description = "Verify one partner only.")
  String partner;

  @Option(names = "--report", paramLabel = "DIR", description = "Write report.json and report.html there.")
  Path report;

  @Option(names = "--events-topic", defaultValue = TopicNames.ORDER_EVENTS, paramLabel = "TOPIC", description = "The ledger's input (default ${DEFAULT-VALUE}).")
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

  @Option(names = "--metrics-bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
      description = "With --metrics-port: the address to serve on (default ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for a scraper elsewhere).")
  String metricsBind;

  @Option(names = "--quiet", description = "No progress output.")
  boolean quiet;

  @Option(names = "--max-undecided-age", defaultValue = "5m", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "An input the ledger has left undecided longer than this makes the verdict STALLED (default ${DEFAULT-VALUE}).")
  Duration maxUndecidedAge;

  @Option(names = "--public-key", paramLabel = "KEY|@FILE", defaultValue = "${env:LEDGER_AUDIT_PUBLIC_KEY}",
      description = "The ledger's Ed25519 public key (Base64 of its X.509 encoding, or @file holding it; default: $LEDGER_AUDIT_PUBLIC_KEY):"
          + " every checkpoint's signature is checked with it. Without it, checkpoints are checked against the journal but their"
          + " signatures are not. The API serves it at /api/v1/ledger/public-key; take it from the ledger's operator, not from the API, to"
          + " trust it.")
  String publicKey;

  @Option(names = "--api", paramLabel = "URL",
      description = "Also compare what this API serves the key's partner (every order's state and amount, every wallet balance, as of the"
          + " partner's booking time the rules reached) with the rules. Needs --api-key holding audit:read.")
  URI api;

  @Option(names = "--api-key", paramLabel = "KEY|@FILE", defaultValue = "${env:LEDGER_AUDIT_API_KEY}",
      description = "The API key for --api, or @file holding it (default: $LEDGER_AUDIT_API_KEY; a key on the command line shows in ps).")
  String apiKey;

  @Option(names = "--api-patience", defaultValue = "30s", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "How long a difference with the API may be the API catching up with Kafka before it counts (default ${DEFAULT-VALUE}).")
  Duration apiPatience;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (api != null && (apiKey == null || apiKey.isBlank())) {
      throw new ParameterException(spec.commandLine(), "--api needs --api-key (or LEDGER_AUDIT_API_KEY)");
    }
    if (api != null && until != null) {
      throw new ParameterException(spec.commandLine(), "--api compares what is served now; it cannot be combined with --until");
    }
    try (Cluster cluster = kafka.connect();
         Verifier verifier = new Verifier(cluster, Audit.Topics.of(eventsTopic, viewsPrefix), partner,
             until == null ? Long.MAX_VALUE : until.toEpochMilli(), maxUndecidedAge, signatures(),
             quiet ? Progress.none() : Progress.to(System.err))) {
      long started = System.nanoTime();
      Verifier.Pass pass = verifier.pass();
      if (api != null) {
        compareWithApi(out, verifier);
      }
      summary(out, verifier, pass, (System.nanoTime() - started) / 1e9);
      writeReport(cluster, verifier, pass);
      if (!follow) {
        return exitCode(verifier, pass);
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
      server = com.sun.net.httpserver.HttpServer.create(new InetSocketAddress(metricsBind, metricsPort), 0);
      server.createContext("/metrics", exchange -> {
        byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
      });
      server.start();
      out.printf("metrics on http://%s:%d/metrics%n", metricsBind, metricsPort);
    }
    Verifier.Pass last = first;
    try {
      while (!Thread.currentThread().isInterrupted()) {
        if (verifier.findings().total() > 0 && !keepGoing) {
          out.printf("stopping at the first differences (--keep-going to go on)%n");
          return ExitCode.DIFFERENCES;
        }
        Thread.sleep(interval.toMillis());
        Verifier.Pass pass = verifier.pass();
        last = pass;
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
      return exitCode(verifier, last);
    } finally {
      if (server != null) {
        server.stop(0);
      }
    }
  }

  private void compareWithApi(PrintWriter out, Verifier verifier) throws Exception {
    String key = apiKey.startsWith("@") ? Files.readString(Path.of(apiKey.substring(1))).strip() : apiKey;
    ApiComparison.Result result = new ApiComparison(api, key, apiPatience).compare(verifier.audit().rules());
    if (partner != null && !partner.equals(result.partnerId())) {
      throw new CannotRun("--partner " + partner + " but the API key belongs to " + result.partnerId());
    }
    result.differences().forEach(verifier.findings()::add);
    out.printf("API %s compared for partner %s as of %d: %,d orders, %,d wallets, %,d differences%n", api, result.partnerId(), result.asOf(),
        result.orders(), result.wallets(), result.differences().size());
  }

  private static int exitCode(Verifier verifier, Verifier.Pass pass) {
    return pass.coverage().verdict(verifier.findings().total()) == Coverage.Verdict.VERIFIED ? ExitCode.OK : ExitCode.DIFFERENCES;
  }

  private CheckpointSignature signatures() throws java.io.IOException {
    if (publicKey == null || publicKey.isBlank()) {
      return null;
    }
    return CheckpointSignature.withPublicKey(publicKey.startsWith("@") ? Files.readString(Path.of(publicKey.substring(1))) : publicKey);
  }

  private void summary(PrintWriter out, Verifier verifier, Verifier.Pass pass, double seconds) {
    Audit.Checked c = verifier.checked();
    out.printf("verified %,d input records in %.1f s (%,.0f records/s) with the auditor's own rules: %,d decisions, %,d journal entries,"
            + " %,d order views, %,d rejections, %,d discrepancies, %,d order owners, %,d checkpoints%s compared; %,d orders held in memory%n",
        c.inputs(), seconds, c.inputs() / Math.max(seconds, 1e-3), c.decisions(), c.entries(), c.views(), c.rejects(), c.discrepancies(),
        c.owners(), c.checkpoints(), publicKey == null || publicKey.isBlank() ? " (signatures not checked: no --public-key)" : " (signatures checked)",
        c.ordersInMemory());
    Coverage coverage = pass.coverage();
    out.printf("coverage: %,d of %,d input records in the log verified (%.1f%%); not yet decided by the ledger: %,d%s%n", coverage.verified(),
        coverage.logInputs(), coverage.percent(), coverage.undecided(), coverage.undecided() == 0 ? ""
            : String.format(", the oldest written %.0f s ago (bound %d s)", coverage.oldestUndecidedAgeMillis() / 1000.0,
                coverage.maxUndecidedAge().toSeconds()));
    var findings = verifier.findings();
    Coverage.Verdict verdict = coverage.verdict(findings.total());
    if (verdict == Coverage.Verdict.VERIFIED) {
      out.printf("VERIFIED: everything the services published is what the rules give (%d partner%s)%n", findings.byPartner().size(),
          findings.byPartner().size() == 1 ? "" : "s");
    } else if (verdict == Coverage.Verdict.STALLED) {
      out.printf("STALLED: the ledger has left inputs undecided for %.0f s, beyond the %d s bound%n",
          coverage.oldestUndecidedAgeMillis() / 1000.0, coverage.maxUndecidedAge().toSeconds());
    } else if (verdict == Coverage.Verdict.NOTHING_VERIFIED) {
      out.printf("NOTHING_VERIFIED: the log holds %,d input records and the ledger has decided none of them%n", coverage.logInputs());
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
          verifier.checked(), pass.coverage(), verifier.findings()));
    }
  }
}
