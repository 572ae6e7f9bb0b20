package io.orderledger.poller.paging;

import io.orderledger.poller.source.Rfc3339;
import java.time.DateTimeException;
import tools.jackson.databind.JsonNode;

/** Reading a list entry's id and creation time for paging, leniently: a bad value is the mapper's to reject, not the scan's. */
public final class Entries {

  private Entries() {
  }

  public static String text(JsonNode entry, String field) {
    JsonNode value = entry.get(field);
    return value == null || !value.isValueNode() || value.isNull() ? null : value.asString();
  }

  public static Long rfc3339(JsonNode entry, String field) {
    String text = text(entry, field);
    if (text == null) {
      return null;
    }
    try {
      return Rfc3339.toEpochMilli(text);
    } catch (DateTimeException e) {
      return null;
    }
  }
}
