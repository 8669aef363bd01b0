package vn.thanhhoa.cds.query.common;

/**
 * What a projection holds of the batch its processor applies in one transaction, to write in a few statements just
 * before the batch commits (ReadBatch).
 */
public interface HeldWrites {

    /** Writes what is held (and no longer holds it). */
    void flush();

    /** Forgets what is held and what was read: the transaction was rolled back to before it. */
    void discard();

    /** After the batch's transaction committed: what was written is now what the tables hold. */
    default void committed() {
    }
}
