package io.orderledger.simulator.api;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a source answers: status, headers and a JSON body. */
public record ApiReply(int status, Map<String, String> headers, byte[] body) {

  public static ApiReply json(int status, byte[] body) {
    return new ApiReply(status, Map.of(), body);
  }

  public ApiReply withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new ApiReply(status, copy, body);
  }

  public ApiReply withBody(byte[] newBody) {
    return new ApiReply(status, headers, newBody);
  }
}
