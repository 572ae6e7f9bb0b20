package io.orderledger.query.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;

/**
 * One wallet discrepancy: where a source's own wallet figures disagreed with the ledger's (both are shown), an
 * amount changed after it was booked (the previous amount is shown), or a sale was reversed for more than it credited.
 */
@JsonPropertyOrder({"kind", "orderId", "eventId", "currency", "amount", "previousAmount", "computedBalanceBefore", "computedBalanceAfter",
    "sourceBalanceBefore", "sourceBalanceAfter", "sourceSelfConsistent", "occurredAt"})
@Schema(name = "Discrepancy")
public record DiscrepancyDto(
    @JsonProperty("kind") @Schema(allowableValues = {"source_balance", "amount_changed", "refund_exceeds_credit"}) String kind,
    @JsonProperty("orderId") String orderId,
    @JsonProperty("eventId") String eventId,
    @JsonProperty("currency") String currency,
    @JsonProperty("amount") BigDecimal amount,
    @JsonProperty("previousAmount") @Schema(types = {"number", "null"}, description = "For amount_changed: the amount booked before")
    BigDecimal previousAmount,
    @JsonProperty("computedBalanceBefore") @Schema(description = "The ledger's balance before the event") BigDecimal computedBalanceBefore,
    @JsonProperty("computedBalanceAfter") @Schema(description = "The ledger's balance after the event") BigDecimal computedBalanceAfter,
    @JsonProperty("sourceBalanceBefore") @Schema(types = {"number", "null"}, description = "The source's own figure, when it sends one")
    BigDecimal sourceBalanceBefore,
    @JsonProperty("sourceBalanceAfter") @Schema(types = {"number", "null"}, description = "The source's own figure, when it sends one")
    BigDecimal sourceBalanceAfter,
    @JsonProperty("sourceSelfConsistent") @Schema(description = "Whether the source's before minus the amount is its after")
    boolean sourceSelfConsistent,
    @JsonProperty("occurredAt") @Schema(description = "When the source says the change happened (unix ms)") long occurredAt) {
}
