package io.orderledger.query.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 exchange over a bare socket, so that a test can send what well-behaved clients refuse to: raw bytes in
 * the path, odd methods, duplicated or malformed headers. The response is read to the end (Connection: close) and
 * a chunked body is decoded.
 */
final class RawHttp {

  /** @param status the status, or {@link #HTTP_09} for an answer with no status line (HTTP/0.9 has none) */
  record Response(int status, Map<String, String> headers, String body) {

    static final int HTTP_09 = 0;

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private RawHttp() {
  }

  /**
   * @param head the request line and headers, without the final blank line and without {@code Connection}
   */
  static Response exchange(int port, byte[] head, byte[] body, boolean headRequest) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(15_000);
      ByteArrayOutputStream request = new ByteArrayOutputStream();
      request.write(head);
      request.write("\r\nConnection: close\r\n".getBytes(StandardCharsets.ISO_8859_1));
      if (body.length > 0) {
        request.write(("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      }
      request.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
      request.write(body);
      socket.getOutputStream().write(request.toByteArray());
      socket.getOutputStream().flush();
      return parse(socket.getInputStream().readAllBytes(), headRequest);
    }
  }

  /**
   * The first final response in {@code raw}: interim 1xx answers are skipped, a HEAD answer has no body. An answer
   * that does not begin with a status line is an HTTP/0.9 one (what a request line with no version gets): all body.
   */
  static Response parse(byte[] raw, boolean headRequest) {
    String text = new String(raw, StandardCharsets.ISO_8859_1);
    if (!text.startsWith("HTTP/")) {
      return new Response(Response.HTTP_09, Map.of(), new String(raw, StandardCharsets.UTF_8));
    }
    while (true) {
      int end = text.indexOf("\r\n\r\n");
      if (!text.startsWith("HTTP/1.1 ") || end < 0) {
        throw new IllegalStateException("not an HTTP response: " + text.substring(0, Math.min(200, text.length())));
      }
      String[] lines = text.substring(0, end).split("\r\n");
      int status = Integer.parseInt(lines[0].substring(9, 12));
      if (status < 200) {
        text = text.substring(end + 4);
        continue;
      }
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim(), (a, b) -> a + ", " + b);
      }
      String body = text.substring(end + 4);
      if (headRequest || status == 204 || status == 304) {
        body = "";
      } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
        body = dechunk(body);
      } else if (headers.containsKey("content-length")) {
        body = body.substring(0, Math.min(body.length(), Integer.parseInt(headers.get("content-length"))));
      }
      return new Response(status, headers, new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
    }
  }

  private static String dechunk(String chunked) {
    StringBuilder body = new StringBuilder();
    int at = 0;
    while (true) {
      int lineEnd = chunked.indexOf("\r\n", at);
      String sizeField = chunked.substring(at, lineEnd);
      int semicolon = sizeField.indexOf(';');
      int size = Integer.parseInt((semicolon < 0 ? sizeField : sizeField.substring(0, semicolon)).trim(), 16);
      if (size == 0) {
        return body.toString();
      }
      body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
      at = lineEnd + 2 + size + 2;
    }
  }
}
