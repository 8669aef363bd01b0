package vn.thanhhoa.cds.infra.problem;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import java.sql.SQLException;
import java.sql.SQLTransientException;

/**
 * Whether a failure means "the database cannot serve now" rather than "this request is wrong": the connection pool
 * found no connection in time, the server is shutting down or starting, the connection broke. Axon and Spring wrap
 * these several times over, so the whole chain of causes is read.
 */
public final class Unavailability {
    /** What a client is told to wait before retrying; the pool gives up on a connection after a few seconds too. */
    public static final int RETRY_AFTER_SECONDS = 5;
    /** HikariCP's answer, without an SQLSTATE, on a connection it has closed (after the server dropped it). */
    private static final String CLOSED_BY_THE_POOL = "Connection is closed";

    private Unavailability() {
    }

    public static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // a commit that failed and whose rollback failed too: the rollback's failure is the cause, the commit's
            // (the server going away) is only the "original" exception
            if (t instanceof TransactionSystemException system && system.getOriginalException() != null
                    && isUnavailable(system.getOriginalException())) {
                return true;
            }
            // a commit cut by the server going away, whose rollback then found the connection closed by the pool: the
            // commit's own failure is not always kept (Spring logs it as "overridden by rollback exception"), but a
            // connection closed under a transaction is the database not serving; the client retries with its key
            if (t instanceof TransactionSystemException && t.getCause() instanceof SQLException sql
                    && CLOSED_BY_THE_POOL.equals(sql.getMessage())) {
                return true;
            }
            if (t instanceof CannotGetJdbcConnectionException || t instanceof CannotCreateTransactionException
                    || t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessException
                    || t instanceof SQLTransientException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && unavailableState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQLSTATE classes 08 (connection exception), 53 (insufficient resources), 57P01–57P03 (admin shutdown, crash
     * shutdown, cannot connect now): PostgreSQL's ways of saying it is not there.
     */
    private static boolean unavailableState(String state) {
        return state.startsWith("08") || state.startsWith("53") || state.startsWith("57P");
    }
}
