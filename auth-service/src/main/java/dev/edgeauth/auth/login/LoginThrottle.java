package dev.edgeauth.auth.login;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.IntFunction;

import dev.edgeauth.common.web.ClientAddressResolver;
import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Failed-login lockout kept in PostgreSQL, so every auth-service instance shares it. Two
 * keys per attempt: the account with the client address (a growing lock that stops one
 * guesser without locking the owner out elsewhere) and the account alone (a looser cap
 * that stops guessing spread over many addresses). Unknown emails are throttled exactly
 * like known ones, so a lock tells nothing about which accounts exist.
 *
 * <p>
 * Only credential failures count (never malformed or refused requests); each update runs
 * under the row's lock, so concurrent failures are all counted.
 */
@Component
@EnableConfigurationProperties(LockoutProperties.class)
public class LoginThrottle {

    private final DatabaseClient database;

    private final LockoutProperties properties;

    private final Clock clock;

    private final ClientAddressResolver addresses;

    public LoginThrottle(DatabaseClient database, LockoutProperties properties, Clock clock,
            ClientAddressResolver addresses) {
        this.database = database;
        this.properties = properties;
        this.clock = clock;
        this.addresses = addresses;
    }

    /**
     * Where this account and client address stand before an attempt: one query for both
     * keys.
     * @param email the case-folded email
     * @param ip the client address
     * @return the remaining lock (if any) and whether this address has failures on record
     */
    public Mono<Check> check(String email, String ip) {
        Instant now = this.clock.instant();
        return this.database
            .sql("SELECT max(locked_until) FILTER (WHERE locked_until > :now) AS until,"
                    + " count(*) FILTER (WHERE key = :pair) AS pair_rows"
                    + " FROM login_throttles WHERE key IN (:pair, :account)")
            .bind("pair", pairKey(email, ip))
            .bind("account", accountKey(email))
            .bind("now", now)
            .map((row) -> {
                Instant until = row.get("until", Instant.class);
                Long pairRows = row.get("pair_rows", Long.class);
                return new Check((until != null) ? Duration.between(now, until) : null,
                        pairRows != null && pairRows > 0);
            })
            .one();
    }

    /**
     * Records a wrong password (or unknown email); runs in the caller's transaction.
     * @return whether this failure locked the account, for this address or for everyone
     */
    public Mono<Boolean> recordFailure(String email, String ip) {
        Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
        LockoutProperties p = this.properties;
        Mono<Boolean> pair = record(pairKey(email, ip), now, p.threshold(),
                (n) -> ThrottleState.growing(n, p.baseLock(), p.maxLock()));
        Mono<Boolean> account = record(accountKey(email), now, p.accountThreshold(), (n) -> p.accountLock());
        return pair.zipWith(account, (a, b) -> a || b);
    }

    /**
     * Forgets the failures of this account and address after a successful login (callers
     * skip it when {@link Check#failuresOnRecord()} said there are none: one statement
     * less on every clean login).
     */
    public Mono<Void> recordSuccess(String email, String ip) {
        return this.database.sql("DELETE FROM login_throttles WHERE key = :pair")
            .bind("pair", pairKey(email, ip))
            .fetch()
            .rowsUpdated()
            .then();
    }

    private Mono<Boolean> record(String key, Instant now, int threshold, IntFunction<Duration> lockLength) {
        return this.database
            .sql("INSERT INTO login_throttles (key, failures, last_failure_at) VALUES (:key, 0, :now)"
                    + " ON CONFLICT (key) DO NOTHING")
            .bind("key", key)
            .bind("now", now)
            .fetch()
            .rowsUpdated()
            .then(this.database
                .sql("SELECT failures, last_failure_at, locks, locked_until FROM login_throttles WHERE key = :key"
                        + " FOR UPDATE")
                .bind("key", key)
                .map(LoginThrottle::toState)
                .one())
            // A row just inserted has no history yet.
            .map((stored) -> (stored.failures() == 0 && stored.locks() == 0 && stored.lockedUntil() == null)
                    ? Optional.<ThrottleState>empty() : Optional.of(stored))
            .flatMap((stored) -> {
                ThrottleState next = ThrottleState.afterFailure(stored.orElse(null), now, threshold,
                        this.properties.window(), lockLength);
                return save(key, next).thenReturn(next.lockedAt(now));
            });
    }

    private Mono<Void> save(String key, ThrottleState state) {
        DatabaseClient.GenericExecuteSpec update = this.database
            .sql("UPDATE login_throttles SET failures = :failures, last_failure_at = :last, locks = :locks,"
                    + " locked_until = :until WHERE key = :key")
            .bind("key", key)
            .bind("failures", state.failures())
            .bind("last", state.lastFailureAt())
            .bind("locks", state.locks());
        update = (state.lockedUntil() != null) ? update.bind("until", state.lockedUntil())
                : update.bindNull("until", Instant.class);
        return update.fetch().rowsUpdated().then();
    }

    private static ThrottleState toState(Readable row) {
        Integer failures = row.get("failures", Integer.class);
        Integer locks = row.get("locks", Integer.class);
        return new ThrottleState((failures != null) ? failures : 0, row.get("last_failure_at", Instant.class),
                (locks != null) ? locks : 0, row.get("locked_until", Instant.class));
    }

    // The address by its counting key: an IPv6 client by its /64
    // (EDGEAUTH_CLIENTADDRESS_IPV6PREFIX), so rotating inside it finds no fresh lock.
    private String pairKey(String email, String ip) {
        return "account_ip:" + email + "|" + this.addresses.countingKey(ip);
    }

    private static String accountKey(String email) {
        return "account:" + email;
    }

    /**
     * The state of an attempt's keys before it is evaluated.
     *
     * @param remainingLock how long the account is still locked for this client, or
     * {@code null}
     * @param failuresOnRecord whether this account and address have failures stored
     */
    public record Check(@Nullable Duration remainingLock, boolean failuresOnRecord) {

    }

}
