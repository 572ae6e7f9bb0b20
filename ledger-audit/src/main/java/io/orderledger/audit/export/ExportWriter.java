package io.orderledger.audit.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rows out as they come, never held: CSV (RFC 4180: a header line, fields quoted when they hold a comma, a quote or a
 * line break; text that a spreadsheet would run as a formula neutralised) or JSON lines with the same names, as they are.
 */
public final class ExportWriter {

  public enum Format { CSV, JSONL }

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Writer out;
  private final Format format;
  private final List<String> columns;
  private long rows;

  public ExportWriter(Writer out, Format format, List<String> columns) {
    this.out = out;
    this.format = format;
    this.columns = List.copyOf(columns);
    if (format == Format.CSV) {
      line(String.join(",", columns));
    }
  }

  /** One row, values in the order of the columns; null is an empty CSV field and a JSON null. */
  public void row(Object... values) {
    rows++;
    if (format == Format.JSONL) {
      Map<String, Object> object = new LinkedHashMap<>();
      for (int i = 0; i < columns.size(); i++) {
        object.put(columns.get(i), values[i]);
      }
      line(JSON.writeValueAsString(object));
      return;
    }
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        line.append(',');
      }
      line.append(csv(values[i]));
    }
    line(line.toString());
  }

  public long rows() {
    return rows;
  }

  static String csv(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Number number) {
      // Our own numbers (amounts, balances, sequences, times): a minus sign here is a sign, not a formula.
      return number instanceof java.math.BigDecimal decimal ? decimal.toPlainString() : number.toString();
    }
    String text = neutralised(value.toString());
    if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r") || text.startsWith("'")) {
      return '"' + text.replace("\"", "\"\"") + '"';
    }
    return text;
  }

  /**
   * A text a spreadsheet would run as a formula (OWASP, CSV injection: it starts with =, +, -, @, a tab or a carriage
   * return) gets a leading apostrophe, so it is shown as text. Order ids, references and messages come from upstream
   * sources: a source-controlled {@code =HYPERLINK(...)} must reach the auditor's spreadsheet as the text it is.
   */
  static String neutralised(String text) {
    if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      return "'" + text;
    }
    return text;
  }

  private void line(String text) {
    try {
      out.write(text);
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
