package io.orderledger.query.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.util.List;

/**
 * One entry of an order's history: what the ledger did with one input for the order, and why. The source's record
 * of the change ({@code sourceRecord}) is added when the history is served.
 */
@JsonPropertyOrder({"eventId", "decision", "rejectReason", "detail", "decidedAt", "occurredAt", "observedAt", "stateBefore", "stateAfter",
    "eventState", "versionBefore", "versionAfter", "changedFields", "amount", "currency", "moneyFlow", "movements", "discrepancies",
    "source", "input"})
@Schema(name = "Decision")
public record DecisionDto(
    @JsonProperty("eventId") String eventId,
    @JsonProperty("decision") @Schema(allowableValues = {"applied", "duplicate", "stale", "rejected"}) String decision,
    @JsonProperty("rejectReason") @Schema(types = {"string", "null"}, description = "Why it was not applied (rejected and stale)") String rejectReason,
    @JsonProperty("detail") @Schema(types = {"string", "null"}) String detail,
    @JsonProperty("decidedAt") @Schema(description = "The ledger's time for the input (unix ms)") long decidedAt,
    @JsonProperty("occurredAt") @Schema(description = "When the source says the change happened (unix ms)") long occurredAt,
    @JsonProperty("observedAt") @Schema(description = "When the poller saw it (unix ms)") long observedAt,
    @JsonProperty("stateBefore") @Schema(types = {"string", "null"}) String stateBefore,
    @JsonProperty("stateAfter") @Schema(types = {"string", "null"}) String stateAfter,
    @JsonProperty("eventState") String eventState,
    @JsonProperty("versionBefore") long versionBefore,
    @JsonProperty("versionAfter") long versionAfter,
    @JsonProperty("changedFields") List<String> changedFields,
    @JsonProperty("amount") @Schema(types = {"number", "null"}) BigDecimal amount,
    @JsonProperty("currency") String currency,
    @JsonProperty("moneyFlow") @Schema(allowableValues = {"purchase", "sale"}) String moneyFlow,
    @JsonProperty("movements") List<Movement> movements,
    @JsonProperty("discrepancies") @Schema(description = "source_balance, amount_changed, refund_exceeds_credit") List<String> discrepancies,
    @JsonProperty("source") Source source,
    @JsonProperty("input") Input input) {

  /** A wallet movement the input made. */
  @JsonPropertyOrder({"entryId", "kind", "direction", "amount", "balanceBefore", "balanceAfter", "sequence", "hash"})
  @Schema(name = "DecisionMovement")
  public record Movement(
      @JsonProperty("entryId") String entryId,
      @JsonProperty("kind") String kind,
      @JsonProperty("direction") String direction,
      @JsonProperty("amount") BigDecimal amount,
      @JsonProperty("balanceBefore") BigDecimal balanceBefore,
      @JsonProperty("balanceAfter") BigDecimal balanceAfter,
      @JsonProperty("sequence") long sequence,
      @JsonProperty("hash") String hash) {
  }

  /** Where the change came from: the upstream source, its id and status for the order, and its record's hash. */
  @JsonPropertyOrder({"id", "system", "nativeId", "nativeStatus", "recordSha256"})
  @Schema(name = "DecisionSource")
  public record Source(
      @JsonProperty("id") @Schema(types = {"string", "null"}) String id,
      @JsonProperty("system") @Schema(types = {"string", "null"}) String system,
      @JsonProperty("nativeId") @Schema(types = {"string", "null"}) String nativeId,
      @JsonProperty("nativeStatus") @Schema(types = {"string", "null"}) String nativeStatus,
      @JsonProperty("recordSha256") @Schema(types = {"string", "null"}) String recordSha256) {
  }

  /** The input record in order-events. */
  @JsonPropertyOrder({"topic", "partition", "offset"})
  @Schema(name = "DecisionInput")
  public record Input(@JsonProperty("topic") String topic, @JsonProperty("partition") int partition, @JsonProperty("offset") long offset) {
  }
}
