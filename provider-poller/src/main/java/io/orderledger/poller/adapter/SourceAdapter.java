package io.orderledger.poller.adapter;

/** Reads one upstream API shape: lists the orders in a window and maps each to the canonical snapshot. */
public interface SourceAdapter {

  SourceConfig source();

  /** Reads every order created in the window. Never throws for upstream trouble: that is in the result. */
  ScanResult scan(ScanWindow window);
}
