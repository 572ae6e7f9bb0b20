package io.orderledger.poller.http;

import java.net.http.HttpHeaders;

/** A 2xx (or an expected 404) answer from a source, its body read in full. */
public record UpstreamResponse(int status, HttpHeaders headers, byte[] body) {

  public String header(String name) {
    return headers.firstValue(name).orElse(null);
  }
}
