package io.orderledger.audit.verify;

import java.util.Arrays;

/**
 * A map from long to long in two flat arrays (open addressing, linear probing): 16 bytes an entry at most 3/4 full,
 * against about 80 for a {@code HashMap<Long, Long>}. A verify of a million events keeps one entry per input record
 * here, which is what keeps its heap small.
 */
final class LongLongMap {

  private static final byte FREE = 0;
  private static final byte USED = 1;
  private static final byte REMOVED = 2;

  private long[] keys = new long[1024];
  private long[] values = new long[1024];
  private byte[] states = new byte[1024];
  private int size;
  private int occupied;

  int size() {
    return size;
  }

  boolean containsKey(long key) {
    return slotOf(key) >= 0;
  }

  /** The value, or {@code absent} when the key is not here. */
  long get(long key, long absent) {
    int slot = slotOf(key);
    return slot < 0 ? absent : values[slot];
  }

  void put(long key, long value) {
    if ((occupied + 1) * 4L >= keys.length * 3L) {
      rehash(size * 4 >= keys.length ? keys.length * 2 : keys.length);
    }
    int mask = keys.length - 1;
    int slot = (int) mix(key) & mask;
    int firstRemoved = -1;
    while (states[slot] != FREE) {
      if (states[slot] == USED && keys[slot] == key) {
        values[slot] = value;
        return;
      }
      if (states[slot] == REMOVED && firstRemoved < 0) {
        firstRemoved = slot;
      }
      slot = (slot + 1) & mask;
    }
    if (firstRemoved >= 0) {
      slot = firstRemoved;
    } else {
      occupied++;
    }
    keys[slot] = key;
    values[slot] = value;
    states[slot] = USED;
    size++;
  }

  /** Removes the key; returns its value, or {@code absent} when it was not here. */
  long remove(long key, long absent) {
    int slot = slotOf(key);
    if (slot < 0) {
      return absent;
    }
    states[slot] = REMOVED;
    size--;
    return values[slot];
  }

  interface Visitor {
    void visit(long key, long value);
  }

  /** Calls {@code visitor} for every entry. */
  void forEach(Visitor visitor) {
    for (int i = 0; i < keys.length; i++) {
      if (states[i] == USED) {
        visitor.visit(keys[i], values[i]);
      }
    }
  }

  private int slotOf(long key) {
    int mask = keys.length - 1;
    int slot = (int) mix(key) & mask;
    while (states[slot] != FREE) {
      if (states[slot] == USED && keys[slot] == key) {
        return slot;
      }
      slot = (slot + 1) & mask;
    }
    return -1;
  }

  private void rehash(int capacity) {
    long[] oldKeys = keys;
    long[] oldValues = values;
    byte[] oldStates = states;
    keys = new long[capacity];
    values = new long[capacity];
    states = new byte[capacity];
    size = 0;
    occupied = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldStates[i] == USED) {
        put(oldKeys[i], oldValues[i]);
      }
    }
    Arrays.fill(oldStates, FREE);
  }

  /** Input positions are dense and sequential: spread them before masking (the finaliser of SplitMix64). */
  private static long mix(long key) {
    long z = key + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
