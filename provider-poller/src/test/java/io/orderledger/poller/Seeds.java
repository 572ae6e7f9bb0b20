package io.orderledger.poller;

import io.orderledger.poller.source.UpstreamJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import tools.jackson.databind.JsonNode;

/** The seeds' own example payloads (../shared/seeds 000-004), as test resources under {@code seeds/}. */
public final class Seeds {

  private Seeds() {
  }

  public static JsonNode json(String name) {
    try (InputStream in = Seeds.class.getResourceAsStream("/seeds/" + name)) {
      return UpstreamJson.MAPPER.readTree(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
