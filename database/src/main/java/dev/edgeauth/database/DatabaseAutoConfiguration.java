package dev.edgeauth.database;

import dev.edgeauth.common.problem.UnavailableCause;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * What a service with a database gets besides its connection settings
 * ({@link DatabaseEnvironmentPostProcessor}): a database that is down answers 503.
 */
@AutoConfiguration
public class DatabaseAutoConfiguration {

    @Bean
    UnavailableCause databaseUnavailableCause() {
        return new DatabaseUnavailableCause();
    }

}
