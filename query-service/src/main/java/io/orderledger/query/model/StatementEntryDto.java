package io.orderledger.query.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;

/** One movement of a wallet statement: a journal entry with its balances and its link in the wallet's hash chain. */
@JsonPropertyOrder({"sequence", "kind", "direction", "amount", "currency", "balanceBefore", "balanceAfter", "orderId", "eventId",
    "entryId", "recipientIndex", "occurredAt", "bookedAt", "previousHash", "hash", "chain"})
@Schema(name = "StatementEntry")
public record StatementEntryDto(
    @JsonProperty("sequence") @Schema(description = "1, 2, 3, ... per wallet, without gaps") long sequence,
    @JsonProperty("kind") @Schema(allowableValues = {"order_debit", "order_refund", "bulk_recipient_refund", "top_up_credit",
        "top_up_reversal", "sale_credit", "sale_reversal", "adjustment_debit", "adjustment_credit"}) String kind,
    @JsonProperty("direction") @Schema(allowableValues = {"debit", "credit"}) String direction,
    @JsonProperty("amount") BigDecimal amount,
    @JsonProperty("currency") String currency,
    @JsonProperty("balanceBefore") BigDecimal balanceBefore,
    @JsonProperty("balanceAfter") BigDecimal balanceAfter,
    @JsonProperty("orderId") String orderId,
    @JsonProperty("eventId") String eventId,
    @JsonProperty("entryId") String entryId,
    @JsonProperty("recipientIndex") @Schema(types = {"integer", "null"}) Integer recipientIndex,
    @JsonProperty("occurredAt") @Schema(description = "When the source says the change happened (unix ms)") long occurredAt,
    @JsonProperty("bookedAt") @Schema(description = "When the ledger booked it (unix ms); never earlier than the entry before") long bookedAt,
    @JsonProperty("previousHash") @Schema(types = {"string", "null"}) String previousHash,
    @JsonProperty("hash") @Schema(types = {"string", "null"}, description = "SHA-256 of previousHash's bytes and the entry's canonical bytes") String hash,
    @JsonProperty("chain") @Schema(description = "ok, or the problem this entry showed when it arrived", allowableValues = {"ok",
        "sequence_gap", "sequence_repeated", "previous_hash", "hash", "balance_continuity", "balance_arithmetic"}) String chain) {
}
