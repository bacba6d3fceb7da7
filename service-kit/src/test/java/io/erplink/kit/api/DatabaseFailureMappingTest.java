package io.erplink.kit.api;

import java.sql.SQLException;

import jakarta.persistence.PersistenceException;

import org.junit.jupiter.api.Test;

import io.quarkus.arc.ArcUndeclaredThrowableException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which failures ProblemMappers answers as the database's 503 rather than an internal error's 500. */
class DatabaseFailureMappingTest {

    @Test
    void aDroppedConnectionOrAShutdownIsADatabaseFailureHoweverItIsWrapped() {
        // SQLSTATEs as PostgreSQL's driver reports them
        assertTrue(ProblemMappers.databaseFailure(new SQLException("I/O error", "08006")));
        assertTrue(ProblemMappers.databaseFailure(new RuntimeException(new SQLException("refused", "08001"))));
        assertTrue(ProblemMappers.databaseFailure(new ArcUndeclaredThrowableException(
                new SQLException("terminating connection due to administrator command", "57P01"))));
        assertTrue(ProblemMappers.databaseFailure(
                new PersistenceException("could not execute statement", new SQLException("starting up", "57P03"))));
        assertTrue(ProblemMappers.databaseFailure(new DatabaseFailure("listing runs", new SQLException("gone"))));
    }

    @Test
    void aFailureWithoutTheDatabaseInItsCausesIsNot() {
        assertFalse(ProblemMappers.databaseFailure(new IllegalStateException("no SQL at all")));
        assertFalse(ProblemMappers.databaseFailure(
                new RuntimeException("wrapped", new IllegalArgumentException("still no SQL"))));
    }
}
