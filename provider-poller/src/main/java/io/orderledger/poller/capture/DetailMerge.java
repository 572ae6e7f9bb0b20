package io.orderledger.poller.capture;

import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A list entry with the single-order answer merged in: objects merge member by member, anything else the single
 * order's value wins (it is the fuller, and usually the fresher, read). Seed 004's list entry merged with its Fetch
 * Order answer is exactly the Fetch Order answer; seed 000's list entry merged with seed 001's gains providerRef and
 * the payment fields and keeps the wallet balances.
 *
 * <p>Where the two reads disagree (seed 000 lists beneficiaryMsisdn 233541234567, seed 001 answers 233540983543 for the
 * same order) the merged record holds the single order's value and {@link #listValues} keeps what the list said: the
 * event carries both, and nothing either read showed is dropped.
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

  /**
   * What the list entry said where the merged record says otherwise, by JSON Pointer (RFC 6901) into the merged
   * record, each value as canonical JSON; empty when they agree. Both are compared after redaction, so a hashed field
   * that is the same in both reads is the same hash.
   */
  public static Map<String, String> listValues(JsonNode listEntry, JsonNode merged) {
    Map<String, String> differing = new TreeMap<>();
    collect("", listEntry, merged, differing);
    return differing;
  }

  private static void collect(String pointer, JsonNode list, JsonNode merged, Map<String, String> differing) {
    if (list instanceof ObjectNode listObject && merged instanceof ObjectNode mergedObject) {
      for (Map.Entry<String, JsonNode> member : listObject.properties()) {
        collect(pointer + "/" + escape(member.getKey()), member.getValue(), mergedObject.get(member.getKey()), differing);
      }
      return;
    }
    if (merged == null || !CanonicalJson.of(list).equals(CanonicalJson.of(merged))) {
      differing.put(pointer, CanonicalJson.of(list));
    }
  }

  private static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
