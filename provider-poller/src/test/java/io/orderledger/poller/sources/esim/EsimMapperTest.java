package io.orderledger.poller.sources.esim;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderledger.events.OrderState;
import org.junit.jupiter.api.Test;

class EsimMapperTest {

  @Test
  void aRefundedOrderIsReversed() {
    assertThat(EsimMapper.state("refunded")).isEqualTo(OrderState.REVERSED);
  }
}
