package io.orderledger.query.api;

import io.orderledger.events.codec.SingleObjectCodec;
import io.orderledger.events.state.CurrencyBalance;
import io.orderledger.events.state.WalletState;
import io.orderledger.events.money.MinorUnits;
import io.orderledger.query.model.JsonRenderer;
import io.orderledger.query.model.WalletDto;
import io.orderledger.query.store.QueryStores;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/wallet}: the partner's balances as the ledger computed them from its journal. */
@RestController
@RequestMapping("/api/v1")
public class WalletController {

  private final PartnerRequests requests;
  private final SingleObjectCodec<WalletState> wallets = SingleObjectCodec.of(WalletState.class);

  public WalletController(PartnerRequests requests) {
    this.requests = requests;
  }

  @Operation(summary = "Get Wallet", description = "The partner's computed wallet balances, with the time and order of the last movement.")
  @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ApiDocs.WalletResponse.class)))
  @GetMapping("/wallet")
  public ResponseEntity<byte[]> wallet(HttpServletRequest request) {
    ApiClient client = Clients.require(request, ApiClient.WALLET_READ);
    return requests.answer(request, client, local -> {
      byte[] stored = local.wallets().get(client.partnerId());
      WalletDto dto = toDto(client.partnerId(), stored == null ? null : wallets.decode(QueryStores.WALLETS, stored));
      return ResponseBodies.data(JsonRenderer.render(dto));
    });
  }

  static WalletDto toDto(String partnerId, WalletState state) {
    List<WalletDto.CurrencyWallet> list = new ArrayList<>();
    if (state != null) {
      for (Map.Entry<String, CurrencyBalance> entry : state.getBalances().entrySet()) {
        CurrencyBalance b = entry.getValue();
        list.add(new WalletDto.CurrencyWallet(entry.getKey(),
            MinorUnits.toDecimal(b.getTotalCreditsMinor() - b.getTotalDebitsMinor(), entry.getKey()),
            b.getSequence(), b.getLastMovementAt(), b.getLastOrderId()));
      }
    }
    list.sort(Comparator.comparing(WalletDto.CurrencyWallet::lastMovementAt).reversed().thenComparing(WalletDto.CurrencyWallet::currency));
    if (list.isEmpty()) {
      return new WalletDto(partnerId, null, null, null, null, list);
    }
    WalletDto.CurrencyWallet primary = list.get(0);
    return new WalletDto(partnerId, primary.balance(), primary.currency(), primary.lastMovementAt(), primary.lastOrderId(), list);
  }
}
