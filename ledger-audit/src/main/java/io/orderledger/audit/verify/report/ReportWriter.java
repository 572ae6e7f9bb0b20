package io.orderledger.audit.verify.report;

import io.orderledger.audit.verify.Audit;
import io.orderledger.audit.verify.Coverage;
import io.orderledger.audit.verify.Difference;
import io.orderledger.audit.verify.Findings;
import io.orderledger.audit.verify.WalletSummary;
import io.orderledger.events.money.MinorUnits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a verify's findings as {@code report.json} (every kept difference with partner, order, sequence, expected and
 * found; machine-readable) and {@code report.html} (one self-contained page, no script and nothing fetched, for an
 * auditor offline: per partner verified or not, each wallet's first broken sequence, and its balance over time drawn as
 * an inline SVG line).
 */
public final class ReportWriter {

  private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private ReportWriter() {
  }

  /** The report's facts, whichever the format. */
  public record Report(String cluster, Audit.Topics topics, String partner, Instant finishedAt, Audit.Checked checked, Coverage coverage,
                       Findings findings) {

    Coverage.Verdict verdict() {
      return coverage.verdict(findings.total());
    }

    boolean verified() {
      return verdict() == Coverage.Verdict.VERIFIED;
    }
  }

  public static void write(Path dir, Report report) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("report.json"), JSON.writeValueAsString(json(report)) + "\n", StandardCharsets.UTF_8);
      Files.writeString(dir.resolve("report.html"), html(report), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report to " + dir, e);
    }
  }

  static Map<String, Object> json(Report report) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("verified", report.verified());
    root.put("verdict", report.verdict());
    root.put("cluster", report.cluster());
    root.put("topics", report.topics());
    root.put("partner", report.partner());
    root.put("finishedAt", report.finishedAt().toString());
    root.put("checked", report.checked());
    Coverage coverage = report.coverage();
    root.put("coverage", Map.of("inputsInLog", coverage.logInputs(), "inputsVerified", coverage.verified(), "percent", coverage.percent(),
        "inputsNotYetDecided", coverage.undecided(), "oldestNotYetDecidedAgeMillis", coverage.oldestUndecidedAgeMillis(),
        "maxUndecidedAgeMillis", coverage.maxUndecidedAge().toMillis()));
    root.put("differences", report.findings().total());
    root.put("differencesByKind", report.findings().byKind());
    List<Map<String, Object>> partners = new ArrayList<>();
    report.findings().byPartner().forEach((partnerId, differences) -> {
      Map<String, Object> partner = new LinkedHashMap<>();
      partner.put("partnerId", partnerId);
      partner.put("verified", differences == 0);
      partner.put("differences", differences);
      List<Map<String, Object>> wallets = new ArrayList<>();
      for (WalletSummary wallet : report.findings().wallets().values()) {
        if (wallet.partnerId().equals(partnerId)) {
          Map<String, Object> w = new LinkedHashMap<>();
          w.put("currency", wallet.currency());
          w.put("entries", wallet.entries());
          w.put("balance", MinorUnits.toDecimal(wallet.balanceMinor(), wallet.currency()));
          w.put("firstBrokenSequence", wallet.firstBrokenSequence());
          w.put("firstBreak", wallet.firstBreak());
          wallets.add(w);
        }
      }
      partner.put("wallets", wallets);
      partners.add(partner);
    });
    root.put("partners", partners);
    root.put("differenceList", report.findings().kept());
    root.put("differencesListed", report.findings().kept().size());
    root.put("unreadableInputs", report.findings().unreadableCount());
    root.put("unreadableInputList", report.findings().unreadable());
    return root;
  }

  static String html(Report report) {
    StringBuilder page = new StringBuilder();
    page.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>Ledger verification: ").append(report.verdict()).append("</title><style>")
        .append("body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem;color:#1b1b1b}")
        .append("table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left;vertical-align:top}")
        .append(".ok{color:#0a6b2d;font-weight:bold}.bad{color:#a4000f;font-weight:bold}")
        .append("svg{background:#fafafa;border:1px solid #ddd}code{font-size:.9em}")
        .append("</style></head><body>\n");
    page.append("<h1>Ledger verification: <span class=\"").append(report.verified() ? "ok\">" : "bad\">").append(report.verdict())
        .append("</span></h1>\n<p>Cluster <code>").append(esc(report.cluster())).append("</code>, input <code>")
        .append(esc(report.topics().events())).append("</code>, outputs <code>").append(esc(report.topics().views())).append("</code>, <code>")
        .append(esc(report.topics().journal())).append("</code>, <code>").append(esc(report.topics().decisions())).append("</code>")
        .append(report.partner() == null ? "" : ", partner <code>" + esc(report.partner()) + "</code>")
        .append(". Finished ").append(report.finishedAt()).append(".</p>\n");
    Audit.Checked c = report.checked();
    Coverage coverage = report.coverage();
    page.append("<p>Re-folded ").append(fmt(c.inputs())).append(" input records with the auditor's own implementation of the rules and")
        .append(" compared ").append(fmt(c.decisions())).append(" decisions, ").append(fmt(c.entries())).append(" journal entries, ")
        .append(fmt(c.views())).append(" order views, ").append(fmt(c.rejects())).append(" rejections, ").append(fmt(c.discrepancies()))
        .append(" discrepancies, ").append(fmt(c.owners())).append(" order owners and ").append(fmt(c.checkpoints()))
        .append(" signed checkpoints; ").append(fmt(report.findings().total())).append(" differences.</p>\n<p>Coverage: ")
        .append(fmt(coverage.verified())).append(" of ").append(fmt(coverage.logInputs())).append(" input records in the log (")
        .append(String.format(java.util.Locale.ROOT, "%.1f", coverage.percent())).append("%); not yet decided by the ledger: ")
        .append(fmt(coverage.undecided())).append(coverage.undecided() == 0 ? "" : ", the oldest written "
            + fmt(coverage.oldestUndecidedAgeMillis() / 1000) + " s ago (bound " + coverage.maxUndecidedAge().toSeconds() + " s)")
        .append(".</p>\n");

    page.append("<h2>Partners</h2>\n<table><thead><tr><th scope=\"col\">partner</th><th scope=\"col\">result</th><th scope=\"col\">differences</th>")
        .append("<th scope=\"col\">wallets</th></tr></thead><tbody>\n");
    report.findings().byPartner().forEach((partnerId, differences) -> {
      page.append("<tr><td>").append(esc(partnerId)).append("</td><td class=\"").append(differences == 0 ? "ok\">verified" : "bad\">differs")
          .append("</td><td>").append(fmt(differences)).append("</td><td>");
      for (WalletSummary wallet : report.findings().wallets().values()) {
        if (wallet.partnerId().equals(partnerId)) {
          page.append(esc(wallet.currency())).append(' ').append(MinorUnits.toDecimal(wallet.balanceMinor(), wallet.currency()).toPlainString())
              .append(" after ").append(fmt(wallet.entries())).append(" entries; chain ")
              .append(wallet.firstBrokenSequence() == null ? "verified"
                  : "<span class=\"bad\">broken at " + wallet.firstBrokenSequence() + " (" + esc(wallet.firstBreak()) + ")</span>")
              .append("<br>");
        }
      }
      page.append("</td></tr>\n");
    });
    page.append("</tbody></table>\n");

    page.append("<h2>Balances over time</h2>\n");
    for (WalletSummary wallet : report.findings().wallets().values()) {
      page.append("<figure><figcaption>").append(esc(wallet.partnerId())).append(" · ").append(esc(wallet.currency())).append("</figcaption>")
          .append(chart(wallet)).append("</figure>\n");
    }

    if (report.findings().total() > 0) {
      page.append("<h2>Differences</h2>\n<p>").append(fmt(report.findings().total())).append(" in all");
      report.findings().byKind().forEach((kind, count) -> page.append("; ").append(kind).append(' ').append(fmt(count)));
      page.append(". The first ").append(report.findings().kept().size()).append(":</p>\n<table><thead><tr><th scope=\"col\">kind</th>")
          .append("<th scope=\"col\">partner</th><th scope=\"col\">order</th><th scope=\"col\">wallet sequence</th><th scope=\"col\">input</th>")
          .append("<th scope=\"col\">expected</th><th scope=\"col\">found</th></tr></thead><tbody>\n");
      for (Difference d : report.findings().kept()) {
        page.append("<tr><td title=\"").append(esc(d.kind().meaning())).append("\">").append(d.kind()).append("</td><td>").append(esc(d.partnerId()))
            .append("</td><td>").append(esc(d.orderId())).append("</td><td>")
            .append(d.sequence() == null ? "" : esc(d.currency()) + " " + d.sequence()).append("</td><td>")
            .append(d.inputPartition() < 0 ? "" : d.inputPartition() + "/" + d.inputOffset()).append("</td><td>").append(esc(d.expected()))
            .append("</td><td>").append(esc(d.found())).append("</td></tr>\n");
      }
      page.append("</tbody></table>\n");
    }
    if (report.findings().unreadableCount() > 0) {
      page.append("<h2>Unreadable input records</h2>\n<p>").append(fmt(report.findings().unreadableCount()))
          .append(" input records are not events; the ledger must reject each (checked above).</p><ul>\n");
      report.findings().unreadable().stream().limit(100).forEach(u -> page.append("<li>partition ").append(u.partition()).append(" offset ")
          .append(u.offset()).append(": ").append(esc(u.failure())).append("</li>\n"));
      page.append("</ul>\n");
    }
    page.append("</body></html>\n");
    return page.toString();
  }

  /** The balance after each entry against its booking time, as one polyline scaled into the box. */
  static String chart(WalletSummary wallet) {
    List<long[]> points = wallet.series();
    int width = 800;
    int height = 200;
    if (points.isEmpty()) {
      return "<p>no movements</p>";
    }
    long minT = points.get(0)[0];
    long maxT = points.get(points.size() - 1)[0];
    long minB = Long.MAX_VALUE;
    long maxB = Long.MIN_VALUE;
    for (long[] p : points) {
      minB = Math.min(minB, p[1]);
      maxB = Math.max(maxB, p[1]);
    }
    StringBuilder line = new StringBuilder();
    for (long[] p : points) {
      double x = maxT == minT ? width / 2.0 : (p[0] - minT) * (width - 20.0) / (maxT - minT) + 10;
      double y = maxB == minB ? height / 2.0 : height - 10 - (p[1] - minB) * (height - 20.0) / (maxB - minB);
      line.append(String.format(java.util.Locale.ROOT, "%.1f,%.1f ", x, y));
    }
    String low = MinorUnits.toDecimal(minB, wallet.currency()).toPlainString();
    String high = MinorUnits.toDecimal(maxB, wallet.currency()).toPlainString();
    return "<svg role=\"img\" width=\"" + width + "\" height=\"" + height + "\" viewBox=\"0 0 " + width + " " + height
        + "\" aria-label=\"balance of " + esc(wallet.partnerId()) + " in " + esc(wallet.currency()) + " from " + Instant.ofEpochMilli(minT)
        + " to " + Instant.ofEpochMilli(maxT) + ", between " + low + " and " + high + "\"><polyline fill=\"none\" stroke=\"#1f5fa8\" "
        + "stroke-width=\"1.5\" points=\"" + line.toString().trim() + "\"/><text x=\"12\" y=\"14\" font-size=\"11\">" + high
        + "</text><text x=\"12\" y=\"" + (height - 14) + "\" font-size=\"11\">" + low + "</text></svg>";
  }

  private static String fmt(long n) {
    return String.format(java.util.Locale.ROOT, "%,d", n);
  }

  static String esc(String text) {
    if (text == null) {
      return "";
    }
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
  }
}
