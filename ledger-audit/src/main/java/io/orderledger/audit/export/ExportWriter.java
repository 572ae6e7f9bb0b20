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
 * line break) or JSON lines with the same names.
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
    String text = value instanceof java.math.BigDecimal decimal ? decimal.toPlainString() : value.toString();
    if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
      return '"' + text.replace("\"", "\"\"") + '"';
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
