package io.orderledger.audit.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExportWriterTest {

  @Test
  void csvQuotesWhatNeedsItAndKeepsDecimalsExact() {
    StringWriter out = new StringWriter();
    ExportWriter rows = new ExportWriter(out, ExportWriter.Format.CSV, List.of("id", "amount", "note"));
    rows.row("o1", new BigDecimal("246.10"), "a, \"quoted\"\nline");
    rows.row("o2", new BigDecimal("1E+2"), null);

    assertThat(out.toString()).isEqualTo("id,amount,note\no1,246.10,\"a, \"\"quoted\"\"\nline\"\no2,100,\n");
  }

  @Test
  void csvNeutralisesEveryCellASpreadsheetWouldRunAsAFormula() {
    StringWriter out = new StringWriter();
    ExportWriter rows = new ExportWriter(out, ExportWriter.Format.CSV, List.of("id", "note", "amount"));
    rows.row("=HYPERLINK(\"http://evil.example\",\"x\")", "+1+1", new BigDecimal("-35.00"));
    rows.row("-2+3", "@SUM(A1:A2)", new BigDecimal("4.25"));
    rows.row("\t=1", "\r=1", 7L);
    rows.row("plain", "a = b", new BigDecimal("0"));

    List<String> lines = out.toString().lines().toList();
    assertThat(lines.get(1)).isEqualTo("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",\"'+1+1\",-35.00");
    assertThat(lines.get(2)).as("a negative amount is a number, a text starting with - is neutralised").isEqualTo("\"'-2+3\",\"'@SUM(A1:A2)\",4.25");
    assertThat(out.toString()).contains("\"'\t=1\",\"'\r=1\",7\n");
    assertThat(lines.get(lines.size() - 1)).isEqualTo("plain,a = b,0");
  }

  @Test
  void jsonLinesNameEveryColumn() {
    StringWriter out = new StringWriter();
    ExportWriter rows = new ExportWriter(out, ExportWriter.Format.JSONL, List.of("id", "amount", "note"));
    rows.row("o1", new BigDecimal("246.10"), null);

    assertThat(out.toString()).isEqualTo("{\"id\":\"o1\",\"amount\":246.10,\"note\":null}\n");
    assertThat(rows.rows()).isEqualTo(1);
  }
}
