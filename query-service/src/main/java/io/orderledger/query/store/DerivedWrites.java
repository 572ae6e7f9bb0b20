package io.orderledger.query.store;

/**
 * Keys a task store writes by itself, in the same RocksDB write as the key they are derived from: they are never sent
 * to the changelog, and a restore derives them again from the restored records of their source. So they cost no
 * changelog record, no restore record, and can never disagree with their source after a crash (one write holds both).
 *
 * <p>A derivation must depend only on the source key's value before and after the write, so that restoring the
 * changelog, record by record, derives what processing did.
 */
public interface DerivedWrites {

  /** No key derives another: the store is Kafka's RocksDB store as it is. */
  DerivedWrites NONE = new DerivedWrites() {
    @Override
    public boolean derivesFrom(byte[] taskKey) {
      return false;
    }

    @Override
    public boolean isDerived(byte[] taskKey) {
      return false;
    }

    @Override
    public void derive(byte[] taskKey, byte[] before, byte[] after, Sink into) {
    }
  };

  /** The keys every one of these derives; no two may derive from, or derive, the same keys. */
  static DerivedWrites all(DerivedWrites... each) {
    return new DerivedWrites() {
      @Override
      public boolean derivesFrom(byte[] taskKey) {
        for (DerivedWrites one : each) {
          if (one.derivesFrom(taskKey)) {
            return true;
          }
        }
        return false;
      }

      @Override
      public boolean isDerived(byte[] taskKey) {
        for (DerivedWrites one : each) {
          if (one.isDerived(taskKey)) {
            return true;
          }
        }
        return false;
      }

      @Override
      public void derive(byte[] taskKey, byte[] before, byte[] after, Sink into) throws Exception {
        for (DerivedWrites one : each) {
          if (one.derivesFrom(taskKey)) {
            one.derive(taskKey, before, after, into);
          }
        }
      }
    };
  }

  /** Whether a write of this key derives others: the store then reads the key's value before writing it. */
  boolean derivesFrom(byte[] taskKey);

  /**
   * Whether this key is one the store derives. A changelog record of one (written before the key was derived) is
   * skipped when restored: the restored source derives it.
   */
  boolean isDerived(byte[] taskKey);

  /**
   * The writes that follow from the key's value going from {@code before} to {@code after} (null where absent).
   * Called in order for every write of a key that {@link #derivesFrom derives}, also when it changes nothing.
   */
  void derive(byte[] taskKey, byte[] before, byte[] after, Sink into) throws Exception;

  /** Where derived writes go: into the same RocksDB write batch as their source's. */
  @FunctionalInterface
  interface Sink {
    /** Writes {@code value} under {@code taskKey}; a null value deletes it. */
    void write(byte[] taskKey, byte[] value) throws Exception;
  }
}
