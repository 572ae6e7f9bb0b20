package io.orderledger.poller.capture;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A list entry with the single-order answer merged in: objects merge member by member, anything else the single
 * order's value wins (it is the fuller, and usually the fresher, read). Seed 004's list entry merged with its Fetch
 * Order answer is exactly the Fetch Order answer; seed 000's list entry merged with seed 001's gains providerRef and
 * the payment fields and keeps the wallet balances.
 */
public final class DetailMerge {

  private DetailMerge() {
  }

  public static JsonNode merge(JsonNode listEntry, JsonNode detail) {
    if (!(listEntry instanceof ObjectNode list) || !(detail instanceof ObjectNode single)) {
      return detail;
    }
    ObjectNode merged = list.deepCopy();
    for (Map.Entry<String, JsonNode> member : single.properties()) {
      JsonNode existing = merged.get(member.getKey());
      merged.set(member.getKey(), existing instanceof ObjectNode ? merge(existing, member.getValue()) : member.getValue().deepCopy());
    }
    return merged;
  }
}
