package dev.edgeauth.auth.signingkey;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;

import dev.edgeauth.auth.AuthServiceIntegrationTest;
import dev.edgeauth.auth.Await;
import dev.edgeauth.auth.MutableClock;
import dev.edgeauth.auth.audit.AuthEventWriter;
import dev.edgeauth.auth.crypto.KeyEncryption;
import dev.edgeauth.auth.crypto.KeyEncryptionProperties;
import dev.edgeauth.token.TokenProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two auth-service instances sharing the database race to rotate: one key per rotation,
 * one {@code key_rotated} row, no error for the losers. The second instance is a second
 * {@link SigningKeyService} with its own repository, audit writer, transaction manager
 * and key encryption on the same database, as another process would have.
 */
@AuthServiceIntegrationTest
@TestPropertySource(properties = "edgeauth.database.schema=auth_race")
class RotationRaceTests {

    @Autowired
    private SigningKeyService instanceA;

    @Autowired
    private ConnectionFactory connectionFactory;

    @Autowired
    private SigningKeyProperties properties;

    @Autowired
    private KeyEncryptionProperties keyEncryptionProperties;

    @Autowired
    private TokenProperties tokenProperties;

    @Autowired
    private MutableClock clock;

    @Autowired
    private SecureRandom secureRandom;

    @Autowired
    private DatabaseClient database;

    private SigningKeyService instanceB;

    @BeforeEach
    void startSecondInstance() {
        DatabaseClient database = DatabaseClient.create(this.connectionFactory);
        this.instanceB = new SigningKeyConfiguration().signingKeyService(new SigningKeyRepository(database),
                new AuthEventWriter(database, new SimpleMeterRegistry()),
                TransactionalOperator.create(new R2dbcTransactionManager(this.connectionFactory)),
                KeyEncryption.fromProperties(this.keyEncryptionProperties, this.secureRandom, false),
                new Ed25519SigningAlgorithm(), this.properties, this.tokenProperties, this.clock, this.secureRandom,
                Schedulers.boundedElastic());
        Await.value(this.instanceB.initialize());
    }

    @Test
    void rotateFromWhenInstancesRaceFromSameKeyThenExactlyOneNewKey() {
        Await.completion(this.instanceB.maintain());
        SigningKey newestA = this.instanceA.ring().newest();
        SigningKey newestB = this.instanceB.ring().newest();
        assertThat(newestB.kid()).isEqualTo(newestA.kid());
        long keysBefore = count("SELECT count(*) FROM signing_keys");

        List<Rotation> rotations = Await.value(Flux.merge(race(this.instanceA, newestA), race(this.instanceB, newestB),
                race(this.instanceA, newestA), race(this.instanceB, newestB))
            .collectList());

        assertThat(rotations).hasSize(4);
        assertThat(rotations).extracting((rotation) -> rotation.key().kid()).containsOnly(rotations.get(0).key().kid());
        assertThat(rotations).filteredOn(Rotation::created).hasSize(1);
        assertThat(rotations.get(0).key().generation()).isEqualTo(newestA.generation() + 1);
        assertThat(count("SELECT count(*) FROM signing_keys")).isEqualTo(keysBefore + 1);
        assertThat(count("SELECT count(*) FROM auth_events WHERE type = 'key_rotated' AND details ->> 'kid' = '"
                + rotations.get(0).key().kid() + "'"))
            .isEqualTo(1);
    }

    @Test
    void maintainWhenInstancesRaceOnTheScheduleThenExactlyOneNewKey() {
        Await.completion(this.instanceA.maintain());
        Await.completion(this.instanceB.maintain());
        SigningKey newest = this.instanceA.ring().newest();
        Instant due = newest.activatesAt().plus(this.properties.rotationInterval()).minus(this.properties.leadTime());
        this.clock.moveTo(due);
        long keysBefore = count("SELECT count(*) FROM signing_keys WHERE generation > " + newest.generation());

        Await.completion(Flux.merge(this.instanceA.maintain().subscribeOn(Schedulers.parallel()),
                this.instanceB.maintain().subscribeOn(Schedulers.parallel()))
            .then());

        assertThat(keysBefore).isZero();
        assertThat(count("SELECT count(*) FROM signing_keys WHERE generation > " + newest.generation())).isEqualTo(1);
        assertThat(this.instanceA.ring().newest().kid()).isEqualTo(this.instanceB.ring().newest().kid());
    }

    private static Mono<Rotation> race(SigningKeyService instance, SigningKey from) {
        return instance.rotateFrom(from, RotationTrigger.OPERATOR).subscribeOn(Schedulers.parallel());
    }

    private long count(String sql) {
        return Await.value(this.database.sql(sql).map((row) -> row.get(0, Long.class)).one());
    }

}
