package io.orderledger.query.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A wallet's hash chain as this service checked it, entry by entry as the journal arrived, and its latest signed
 * checkpoint. Only entries that carry the ledger's seal and extend the chain move the balance; any other entry the
 * journal topic held is refused, and the chain reads {@code broken} at the first one, with how many there were.
 */
@JsonPropertyOrder({"status", "checkedThrough", "firstBrokenSequence", "problem", "detail", "refusedEntries", "checkpoint"})
@Schema(name = "Chain", description = "The wallet's hash chain as this service checked it, and its latest signed checkpoint. The balance is"
    + " always that of the last entry that extended the chain (checkedThrough): a refused entry never moves it.")
public record ChainDto(
    @JsonProperty("status") @Schema(allowableValues = {"verified", "broken", "empty"}, description = "verified: every journal entry read"
        + " carried the ledger's seal and extended the chain; broken: at least one did not (refused; see firstBrokenSequence)") String status,
    @JsonProperty("checkedThrough") @Schema(description = "The last sequence that extended the chain: the balance's") long checkedThrough,
    @JsonProperty("firstBrokenSequence") @Schema(types = {"integer", "null"}, description = "The sequence of the first entry refused")
    Long firstBrokenSequence,
    @JsonProperty("problem") @Schema(types = {"string", "null"}, allowableValues = {"unauthenticated", "sequence_gap", "sequence_repeated",
        "previous_hash", "hash", "balance_continuity", "balance_arithmetic", "missing_hash"}) String problem,
    @JsonProperty("detail") @Schema(types = {"string", "null"}) String detail,
    @JsonProperty("refusedEntries") @Schema(description = "How many journal entries were refused") long refusedEntries,
    @JsonProperty("checkpoint") @Schema(types = {"object", "null"}, description = "The wallet's latest signed checkpoint, or null before one")
    CheckpointDto checkpoint) {

  /** The latest checkpoint the ledger signed for the wallet, and whether it holds. */
  @JsonPropertyOrder({"sequence", "hash", "balanceMinor", "signedAt", "keyId", "signature", "journal"})
  @Schema(name = "Checkpoint")
  public record CheckpointDto(
      @JsonProperty("sequence") long sequence,
      @JsonProperty("hash") String hash,
      @JsonProperty("balanceMinor") long balanceMinor,
      @JsonProperty("signedAt") long signedAt,
      @JsonProperty("keyId") String keyId,
      @JsonProperty("signature") @Schema(allowableValues = {"verified", "invalid", "unchecked"},
          description = "checked with the ledger's public key (unchecked: none is configured)") String signature,
      @JsonProperty("journal") @Schema(allowableValues = {"matches", "differs", "ahead"},
          description = "matches: the journal's entry at that sequence has that hash; ahead: the journal has not reached it yet") String journal) {
  }
}
