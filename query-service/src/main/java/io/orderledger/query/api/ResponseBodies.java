package io.orderledger.query.api;

import io.orderledger.query.model.JsonRenderer;
import io.orderledger.query.read.JsonSlice;
import io.orderledger.query.read.PagedRange;
import io.orderledger.query.read.StatementReader;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The API's envelopes, written around JSON that was rendered when the data was stored: a request copies bytes, it
 * does not serialize objects. Cursors are base64url, and the rest is numbers and fixed words: nothing written here
 * needs escaping.
 */
public final class ResponseBodies {

  private static final byte[] DATA_START = "{\"success\":true,\"data\":".getBytes(StandardCharsets.UTF_8);

  private ResponseBodies() {
  }

  public static byte[] data(JsonSlice json) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(DATA_START.length + json.length() + 1);
    out.writeBytes(DATA_START);
    out.write(json.bytes(), json.offset(), json.length());
    out.write('}');
    return out.toByteArray();
  }

  public static byte[] data(Object dto) {
    return data(JsonSlice.of(JsonRenderer.render(dto)));
  }

  /** {@code {"success":true,"data":{"orders":[…],"isDone":…,"continueCursor":"…"}}} (seed 000). */
  public static byte[] list(PagedRange.Page<JsonSlice> page) {
    return page("{\"orders\":[", page.items(), "],\"isDone\":" + page.done() + ",\"continueCursor\":\"" + page.continueCursor() + "\"}");
  }

  /** {@code {"success":true,"data":{"orderId":"…","history":[…],"isDone":…,"continueCursor":"…"}}}. */
  public static byte[] history(String orderId, PagedRange.Page<JsonSlice> page) {
    return page("{\"orderId\":" + JsonRenderer.renderText(orderId) + ",\"history\":[", page.items(),
        "],\"isDone\":" + page.done() + ",\"continueCursor\":\"" + page.continueCursor() + "\"}");
  }

  /** {@code {"success":true,"data":{"discrepancies":[…],"isDone":…,"continueCursor":"…"}}}. */
  public static byte[] discrepancies(PagedRange.Page<JsonSlice> page) {
    return page("{\"discrepancies\":[", page.items(), "],\"isDone\":" + page.done() + ",\"continueCursor\":\"" + page.continueCursor() + "\"}");
  }

  /** {@code {"success":true,"data":{"currency":"…","entries":[…],"isDone":…,"continueCursor":"…","chain":{…}}}}. */
  public static byte[] statement(StatementReader.Page page) {
    byte[] chain = JsonRenderer.render(page.chain());
    return page("{\"currency\":" + JsonRenderer.renderText(page.currency()) + ",\"entries\":[", page.entries(),
        "],\"isDone\":" + page.done() + ",\"continueCursor\":\"" + page.continueCursor() + "\",\"chain\":"
            + new String(chain, StandardCharsets.UTF_8) + "}");
  }

  private static byte[] page(String head, List<JsonSlice> items, String tail) {
    byte[] start = head.getBytes(StandardCharsets.UTF_8);
    byte[] end = tail.getBytes(StandardCharsets.UTF_8);
    int size = DATA_START.length + start.length + end.length + 1;
    for (JsonSlice item : items) {
      size += item.length() + 1;
    }
    // Written straight into a body of the exact size: a page is the largest thing a request allocates.
    byte[] body = new byte[size - (items.isEmpty() ? 0 : 1)];
    int at = put(DATA_START, body, 0);
    at = put(start, body, at);
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        body[at++] = ',';
      }
      JsonSlice item = items.get(i);
      System.arraycopy(item.bytes(), item.offset(), body, at, item.length());
      at += item.length();
    }
    at = put(end, body, at);
    body[at] = '}';
    return body;
  }

  private static int put(byte[] bytes, byte[] body, int at) {
    System.arraycopy(bytes, 0, body, at, bytes.length);
    return at + bytes.length;
  }

  public static byte[] error(ApiError error, String message) {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("code", error.name());
    detail.put("message", message);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", false);
    body.put("error", detail);
    return JsonRenderer.render(body);
  }

  public static ResponseEntity<byte[]> failure(ApiException e) {
    ResponseEntity.BodyBuilder builder = ResponseEntity.status(e.error().status()).contentType(MediaType.APPLICATION_JSON);
    if (e.retryAfterSeconds() != null) {
      builder.header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()));
    }
    return builder.body(error(e.error(), e.getMessage()));
  }
}
