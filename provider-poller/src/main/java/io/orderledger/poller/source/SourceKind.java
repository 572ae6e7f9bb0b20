package io.orderledger.poller.source;

import io.orderledger.events.MoneyFlow;

/**
 * What the configuration and the events need to know of an upstream API: its name and its defaults. Each supported
 * API describes itself in its own folder ({@code io.orderledger.poller.sources.<name>}); nothing outside those
 * folders and their registry names one.
 */
public interface SourceKind {

  /** The API's name: in configuration ({@code poller.sources[n].shape}) and in events ({@code SourceRecord.system}). */
  String system();

  /** Which way money moves for the partner when the configuration does not say. */
  MoneyFlow defaultMoneyFlow();

  /**
   * Whether the API's own order ids are the canonical ones. Only NetConnect's are (the API we serve is NetConnect's):
   * every other source's ids are prefixed with the source id, so two sources cannot claim the same order id.
   */
  boolean keepsNativeOrderIds();
}
