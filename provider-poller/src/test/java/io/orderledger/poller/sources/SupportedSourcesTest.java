package io.orderledger.poller.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderledger.events.MoneyFlow;
import io.orderledger.poller.source.SourceKind;
import org.junit.jupiter.api.Test;

class SupportedSourcesTest {

  @Test
  void aSourceIsNamedAsInEventsInAnyCaseWithEitherSeparator() {
    assertThat(SupportedSources.named("gift_card")).isSameAs(SupportedSources.GIFT_CARD);
    assertThat(SupportedSources.named("GIFT_CARD")).isSameAs(SupportedSources.GIFT_CARD);
    assertThat(SupportedSources.named("gift-card")).isSameAs(SupportedSources.GIFT_CARD);
    assertThat(SupportedSources.named(" NetConnect ")).isSameAs(SupportedSources.NETCONNECT);
  }

  @Test
  void anUnknownNameIsRefusedNamingTheKnownOnes() {
    assertThatThrownBy(() -> SupportedSources.named("stripe"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown source shape 'stripe': one of netconnect, gift_card, esim, paystack");
  }

  @Test
  void namesAreUniqueAndOnlyNetConnectKeepsItsOrderIds() {
    assertThat(SupportedSources.ALL).extracting(SourceKind::system).doesNotHaveDuplicates();
    assertThat(SupportedSources.ALL).filteredOn(SourceKind::keepsNativeOrderIds).containsExactly(SupportedSources.NETCONNECT);
    assertThat(SupportedSources.ALL).filteredOn(kind -> kind.defaultMoneyFlow() == MoneyFlow.SALE)
        .as("Paystack lists orders for the partner's products").containsExactly(SupportedSources.PAYSTACK);
  }
}
