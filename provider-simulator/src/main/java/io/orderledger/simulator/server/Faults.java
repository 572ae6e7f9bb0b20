package io.orderledger.simulator.server;

import io.orderledger.simulator.api.SourceApi.PageFault;
import io.orderledger.simulator.world.SimOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The misbehaviour a hostile upstream shows, switchable at run time, each a probability per request: 429 with
 * {@code Retry-After}, 500, slow answers, malformed JSON, duplicated and reordered pages. Seeded, and counted, so a
 * test knows how many malformed pages it must find in the rejects topic.
 */
public final class Faults {

  /** Rates from 0 to 1 per request; {@code retryAfterSeconds} is what a 429 asks for; {@code slowMillis} how slow a slow answer is. */
  public record Rates(double tooManyRequests, double serverError, double slow, double malformed, double duplicatePage,
                      double reorderPage, int retryAfterSeconds, int slowMillis) {
    public static final Rates NONE = new Rates(0, 0, 0, 0, 0, 0, 1, 0);
  }

  /** What happens to one request. */
  public enum Kind { NONE, TOO_MANY_REQUESTS, SERVER_ERROR, MALFORMED }

  private final Random random;
  private volatile Rates rates = Rates.NONE;
  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

  public Faults(long seed) {
    this.random = new Random(seed);
  }

  public Rates rates() {
    return rates;
  }

  public void set(Rates newRates) {
    this.rates = newRates;
  }

  /** Draws this request's fault. */
  public synchronized Kind draw(boolean listing) {
    Rates r = rates;
    double roll = random.nextDouble();
    if (roll < r.tooManyRequests()) {
      return Kind.TOO_MANY_REQUESTS;
    }
    roll -= r.tooManyRequests();
    if (roll < r.serverError()) {
      return Kind.SERVER_ERROR;
    }
    roll -= r.serverError();
    if (listing && roll < r.malformed()) {
      return Kind.MALFORMED;
    }
    return Kind.NONE;
  }

  public synchronized boolean slow() {
    return rates.slow() > 0 && random.nextDouble() < rates.slow();
  }

  /** A page fault for one listing page: sometimes the previous page again, sometimes this page shuffled. */
  public synchronized PageFault pageFault(String sourceId) {
    Rates r = rates;
    double roll = random.nextDouble();
    if (roll < r.duplicatePage()) {
      return (page, previous) -> {
        List<SimOrder> before = previous.get();
        if (before.isEmpty() || page.isEmpty()) {
          return page;
        }
        count(sourceId, "duplicate-page");
        return before;
      };
    }
    if (roll < r.duplicatePage() + r.reorderPage()) {
      long shuffleSeed = random.nextLong();
      return (page, previous) -> {
        List<SimOrder> shuffled = new ArrayList<>(page);
        Collections.shuffle(shuffled, new Random(shuffleSeed));
        count(sourceId, "reordered-page");
        return shuffled;
      };
    }
    return PageFault.NONE;
  }

  public void count(String sourceId, String kind) {
    counts.computeIfAbsent(sourceId + "/" + kind, k -> new AtomicLong()).incrementAndGet();
  }

  /** How often a fault was served, by {@code source/kind} (kinds: 429, 500, malformed-page, duplicate-page, reordered-page, slow). */
  public long served(String sourceId, String kind) {
    AtomicLong count = counts.get(sourceId + "/" + kind);
    return count == null ? 0 : count.get();
  }

  public Map<String, Long> served() {
    Map<String, Long> copy = new java.util.TreeMap<>();
    counts.forEach((k, v) -> copy.put(k, v.get()));
    return copy;
  }
}
