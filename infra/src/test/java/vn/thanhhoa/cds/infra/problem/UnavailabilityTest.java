package vn.thanhhoa.cds.infra.problem;

import org.axonframework.commandhandling.CommandExecutionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.TransactionSystemException;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** The database going away is told apart from a wrong request, however deep Spring and Axon wrap it. */
class UnavailabilityTest {

    @Test
    void aCommitCutByTheServerShuttingDownIsUnavailabilityEvenWhenItsRollbackFailsToo() {
        // as seen when PostgreSQL stops mid-burst: the commit fails (57P01), then the rollback on the dead connection
        TransactionSystemException failure = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        failure.initApplicationException(new DataAccessResourceFailureException("JDBC commit",
                new SQLException("FATAL: terminating connection due to administrator command", "57P01")));
        assertThat(Unavailability.isUnavailable(new CommandExecutionException("command failed", failure))).isTrue();
    }

    @Test
    void aRollbackOnAConnectionThePoolClosedIsUnavailabilityWithoutTheCommitsFailure() {
        // as seen once in 3,000 answers with PostgreSQL stopped mid-burst: Spring logs the commit's failure as
        // "overridden by rollback exception" and keeps only the rollback's, on a connection HikariCP closed
        assertThat(Unavailability.isUnavailable(new CommandExecutionException("command failed",
                new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"))))).isTrue();
    }

    @Test
    void anotherRollbackFailureOrAWrongRequestIsNot() {
        assertThat(Unavailability.isUnavailable(new TransactionSystemException("JDBC rollback failed",
                new SQLException("savepoint does not exist", "3B001")))).isFalse();
        assertThat(Unavailability.isUnavailable(new IllegalArgumentException("bad"))).isFalse();
        assertThat(Unavailability.isUnavailable(new SQLException("unique", "23505"))).isFalse();
    }
}
