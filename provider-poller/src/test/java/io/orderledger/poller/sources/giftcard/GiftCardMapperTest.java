package io.orderledger.poller.sources.giftcard;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderledger.events.OrderState;
import org.junit.jupiter.api.Test;

/** Seed 002's status table and its product names. */
class GiftCardMapperTest {

  @Test
  void seed002sStatusTableAndBrands() {
    assertThat(GiftCardMapper.state("PARTIALLY_DELIVERED")).isEqualTo(OrderState.COMPLETED);
    assertThat(GiftCardMapper.state("cancelled")).isEqualTo(OrderState.FAILED);
    assertThat(GiftCardMapper.brand("Amazon Gift Card")).isEqualTo("Amazon");
    assertThat(GiftCardMapper.brand("Steam Wallet Code")).isEqualTo("Steam Wallet Code");
  }
}
