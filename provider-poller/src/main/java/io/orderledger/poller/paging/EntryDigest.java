package io.orderledger.poller.paging;

import net.jpountz.xxhash.XXHash64;
import net.jpountz.xxhash.XXHashFactory;

/**
 * xxHash64 of an entry's bytes (lz4-java's pure-Java implementation, which the Kafka client already ships): eight bytes a
 * step, where the walk of a parsed tree this replaces hashed one UTF-16 unit a step and needed the tree.
 */
final class EntryDigest {

  private static final XXHash64 HASH = XXHashFactory.fastestJavaInstance().hash64();
  /** Changed whenever what is hashed changes, so an old checkpoint's digests never match by accident. */
  private static final long SEED = 0x6f72_6465_7273_0002L;

  private EntryDigest() {
  }

  static long of(byte[] bytes, int offset, int length) {
    return HASH.hash(bytes, offset, length, SEED);
  }
}
