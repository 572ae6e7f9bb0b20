package io.orderledger.query.api;

import io.orderledger.query.model.JsonRenderer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The API's envelopes, written around JSON that was rendered when the order was stored: a request copies bytes, it
 * does not serialize objects.
 */
public final class ResponseBodies {

  private static final byte[] DATA_START = "{\"success\":true,\"data\":".getBytes(StandardCharsets.UTF_8);
  private static final byte[] LIST_START = "{\"success\":true,\"data\":{\"orders\":[".getBytes(StandardCharsets.UTF_8);

  private ResponseBodies() {
  }

  public static byte[] data(byte[] json) {
    byte[] body = new byte[DATA_START.length + json.length + 1];
    System.arraycopy(DATA_START, 0, body, 0, DATA_START.length);
    System.arraycopy(json, 0, body, DATA_START.length, json.length);
    body[body.length - 1] = '}';
    return body;
  }

  /** @param storedOrders orders as stored: each one's JSON starts at {@code jsonOffset} */
  public static byte[] list(List<byte[]> storedOrders, int jsonOffset, boolean done, String continueCursor) {
    int size = LIST_START.length + 64 + continueCursor.length();
    for (byte[] order : storedOrders) {
      size += order.length - jsonOffset + 1;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(size);
    out.writeBytes(LIST_START);
    for (int i = 0; i < storedOrders.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      byte[] order = storedOrders.get(i);
      out.write(order, jsonOffset, order.length - jsonOffset);
    }
    // The cursor is base64url: no character of it needs escaping in JSON.
    out.writeBytes(("],\"isDone\":" + done + ",\"continueCursor\":\"" + continueCursor + "\"}}").getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
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

  public static ResponseEntity<byte[]> ok(byte[] body) {
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).header(HttpHeaders.CACHE_CONTROL, "no-store").body(body);
  }

  public static ResponseEntity<byte[]> failure(ApiException e) {
    ResponseEntity.BodyBuilder builder = ResponseEntity.status(e.error().status()).contentType(MediaType.APPLICATION_JSON)
        .header(HttpHeaders.CACHE_CONTROL, "no-store");
    if (e.retryAfterSeconds() != null) {
      builder.header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()));
    }
    return builder.body(error(e.error(), e.getMessage()));
  }
}
