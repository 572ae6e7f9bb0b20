package io.orderledger.query.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.util.List;

/**
 * A partner's wallet as the ledger computed it from its journal. {@code balance}/{@code currency} are the wallet of
 * the partner's primary currency (the one of its most recent movement); {@code wallets} lists every currency. With
 * {@code asOf}, every figure is as it stood at that time.
 */
@JsonPropertyOrder({"partnerId", "balance", "currency", "lastMovementAt", "lastOrderId", "wallets", "asOf"})
@Schema(name = "Wallet")
public record WalletDto(
    @JsonProperty("partnerId") String partnerId,
    @JsonProperty("balance") BigDecimal balance,
    @JsonProperty("currency") String currency,
    @JsonProperty("lastMovementAt") Long lastMovementAt,
    @JsonProperty("lastOrderId") String lastOrderId,
    @JsonProperty("wallets") List<CurrencyWallet> wallets,
    @JsonProperty("asOf") @Schema(description = "The time the balances are as of (unix ms), or null for now", types = {"integer", "null"}) Long asOf) {

  /**
   * One currency's wallet. {@code movements} counts journal entries: the sequence number of the last one. The balance is
   * that of the last entry that carried the ledger's seal and extended the chain; {@code chain} says whether any other
   * reached the journal, and the latest signed checkpoint.
   */
  @JsonPropertyOrder({"currency", "balance", "movements", "lastMovementAt", "lastOrderId", "chain"})
  @Schema(name = "CurrencyWallet")
  public record CurrencyWallet(
      @JsonProperty("currency") String currency,
      @JsonProperty("balance") BigDecimal balance,
      @JsonProperty("movements") long movements,
      @JsonProperty("lastMovementAt") long lastMovementAt,
      @JsonProperty("lastOrderId") String lastOrderId,
      @JsonProperty("chain") ChainDto chain) {
  }
}
