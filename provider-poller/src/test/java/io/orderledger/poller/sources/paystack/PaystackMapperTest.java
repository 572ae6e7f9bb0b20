package io.orderledger.poller.sources.paystack;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderledger.events.OrderState;
import org.junit.jupiter.api.Test;

class PaystackMapperTest {

  @Test
  void anAbandonedPaymentIsAFailedOrder() {
    assertThat(PaystackMapper.state("abandoned")).isEqualTo(OrderState.FAILED);
  }
}
