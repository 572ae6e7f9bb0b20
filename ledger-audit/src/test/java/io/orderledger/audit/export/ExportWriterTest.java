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
  void jsonLinesNameEveryColumn() {
    StringWriter out = new StringWriter();
    ExportWriter rows = new ExportWriter(out, ExportWriter.Format.JSONL, List.of("id", "amount", "note"));
    rows.row("o1", new BigDecimal("246.10"), null);

    assertThat(out.toString()).isEqualTo("{\"id\":\"o1\",\"amount\":246.10,\"note\":null}\n");
    assertThat(rows.rows()).isEqualTo(1);
  }
}
