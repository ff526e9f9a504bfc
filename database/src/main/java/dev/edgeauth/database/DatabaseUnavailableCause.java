package dev.edgeauth.database;

import dev.edgeauth.common.problem.UnavailableCause;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.r2dbc.spi.R2dbcTransientResourceException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;

/**
 * The database's failures that mean it is down or too slow (no connection, a pool that
 * cannot hand one out in time, a statement timeout), so a request that meets one is
 * answered 503 {@code unavailable}, not 500.
 */
final class DatabaseUnavailableCause implements UnavailableCause {

    @Override
    public boolean isUnavailable(Throwable ex) {
        return ex instanceof DataAccessResourceFailureException || ex instanceof QueryTimeoutException
                || ex instanceof R2dbcNonTransientResourceException || ex instanceof R2dbcTransientResourceException
                || ex instanceof R2dbcTimeoutException;
    }

}
