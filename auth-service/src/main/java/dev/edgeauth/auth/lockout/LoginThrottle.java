package dev.edgeauth.auth.lockout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import dev.edgeauth.common.web.ClientAddressResolver;
import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Failed-login lockout kept in PostgreSQL, so every auth-service instance shares it. Two
 * keys per attempt:
 * <ul>
 * <li>the account with the attempt's <em>source</em>: its client address (an IPv6 client
 * by its /64), or the device token it sent when that is valid for the account
 * ({@link DeviceTokens}). A growing lock stops one guesser without locking the owner out
 * elsewhere;</li>
 * <li>the account alone: a looser cap that stops guessing spread over many addresses.
 * Each source adds at most {@code threshold} failures to it per {@code window}
 * ({@link AccountShare}), and a source with a valid device token is exempt from it, so
 * the owner's own device always gets through.</li>
 * </ul>
 * Unknown emails are throttled exactly like known ones, so a lock tells nothing about
 * which accounts exist. Only credential failures count (never malformed or refused
 * requests); each update runs under the row's lock, so concurrent failures are all
 * counted.
 */
@Component
@EnableConfigurationProperties(LockoutProperties.class)
public class LoginThrottle {

    private final DatabaseClient database;

    private final LockoutProperties properties;

    private final Clock clock;

    private final ClientAddressResolver addresses;

    private final DeviceTokens deviceTokens;

    public LoginThrottle(DatabaseClient database, LockoutProperties properties, Clock clock,
            ClientAddressResolver addresses, DeviceTokens deviceTokens) {
        this.database = database;
        this.properties = properties;
        this.clock = clock;
        this.addresses = addresses;
        this.deviceTokens = deviceTokens;
    }

    /**
     * Where an attempt comes from, for the lockout: the device its token names when the
     * token is valid for this account, else its client address.
     * @param ip the client address
     * @param deviceToken the {@value DeviceTokens#HEADER} header, or {@code null}
     * @param userId the account the attempt is for, or {@code null} (an unknown email)
     * @param credentialGeneration the account's credential generation
     * @return the source
     */
    public Source source(String ip, @Nullable String deviceToken, @Nullable UUID userId, int credentialGeneration) {
        DeviceTokens.Device device = (userId != null)
                ? this.deviceTokens.verify(deviceToken, userId, credentialGeneration) : null;
        // An IPv6 address by its counting key (EDGEAUTH_CLIENT_ADDRESS_IPV6_PREFIX), so
        // rotating inside its /64 finds no fresh lock.
        return (device != null) ? new Source(device.id(), true) : new Source(this.addresses.countingKey(ip), false);
    }

    /**
     * Where this account and source stand before an attempt: one query for both keys.
     * @param email the case-folded email
     * @param source where the attempt comes from
     * @return the remaining lock (if any) and whether this source has failures on record
     */
    public Mono<Check> check(String email, Source source) {
        Instant now = this.clock.instant();
        String[] keys = source.device() ? new String[] { sourceKey(email, source) }
                : new String[] { sourceKey(email, source), accountKey(email) };
        return this.database.sql("""
                SELECT max(locked_until) FILTER (WHERE locked_until > :now) AS until,
                count(*) FILTER (WHERE key = :source) AS source_rows
                FROM login_throttles WHERE key = ANY(:keys)""")
            .bind("source", sourceKey(email, source))
            .bind("keys", keys)
            .bind("now", now)
            .map((row) -> {
                Instant until = row.get("until", Instant.class);
                Long sourceRows = row.get("source_rows", Long.class);
                return new Check((until != null) ? Duration.between(now, until) : null,
                        sourceRows != null && sourceRows > 0);
            })
            .one();
    }

    /**
     * Records a wrong password (or unknown email); runs in the caller's transaction.
     * @return whether this failure locked the account, for this source or for everyone
     */
    public Mono<Boolean> recordFailure(String email, Source source) {
        Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
        LockoutProperties p = this.properties;
        return recordSourceFailure(sourceKey(email, source), now).flatMap((outcome) -> {
            if (!outcome.addsToAccount()) {
                return Mono.just(outcome.lockedNow());
            }
            return lockedRow(accountKey(email), now).flatMap((row) -> {
                ThrottleState next = ThrottleState.afterFailure(row.state(), now, p.accountThreshold(), p.window(),
                        (n) -> p.accountLock());
                return save(accountKey(email), next, null).thenReturn(next.lockedAt(now) || outcome.lockedNow());
            });
        });
    }

    /**
     * Forgets the failures of this account and source after a successful login (callers
     * skip it when {@link Check#failuresOnRecord()} said there are none: one statement
     * less on every clean login).
     */
    public Mono<Void> recordSuccess(String email, Source source) {
        return this.database.sql("DELETE FROM login_throttles WHERE key = :source")
            .bind("source", sourceKey(email, source))
            .fetch()
            .rowsUpdated()
            .then();
    }

    // The source's growing lock, and whether this failure still adds to the account.
    private Mono<SourceOutcome> recordSourceFailure(String key, Instant now) {
        LockoutProperties p = this.properties;
        return lockedRow(key, now).flatMap((row) -> {
            ThrottleState next = ThrottleState.afterFailure(row.state(), now, p.threshold(), p.window(),
                    (n) -> ThrottleState.growing(n, p.baseLock(), p.maxLock()));
            // null: this failure does not add to the account, and the share stays as
            // stored.
            AccountShare share = row.share().afterFailure(now, p.window(), p.threshold());
            return save(key, next, share).thenReturn(new SourceOutcome(next.lockedAt(now), share != null));
        });
    }

    // Creates the row if needed, then reads it under its row lock.
    private Mono<StoredRow> lockedRow(String key, Instant now) {
        return this.database.sql("""
                INSERT INTO login_throttles (key, failures, last_failure_at) VALUES (:key, 0, :now)
                ON CONFLICT (key) DO NOTHING""")
            .bind("key", key)
            .bind("now", now)
            .fetch()
            .rowsUpdated()
            .then(this.database.sql("""
                    SELECT failures, last_failure_at, locks, locked_until, counted, counted_since
                    FROM login_throttles WHERE key = :key FOR UPDATE""")
                .bind("key", key)
                .map(LoginThrottle::toRow)
                .one());
    }

    private Mono<Void> save(String key, ThrottleState state, @Nullable AccountShare share) {
        DatabaseClient.GenericExecuteSpec update = this.database
            .sql("UPDATE login_throttles SET failures = :failures, last_failure_at = :last, locks = :locks,"
                    + " locked_until = :until" + ((share != null) ? ", counted = :counted, counted_since = :since" : "")
                    + " WHERE key = :key")
            .bind("key", key)
            .bind("failures", state.failures())
            .bind("last", state.lastFailureAt())
            .bind("locks", state.locks());
        update = (state.lockedUntil() != null) ? update.bind("until", state.lockedUntil())
                : update.bindNull("until", Instant.class);
        if (share != null) {
            update = update.bind("counted", share.counted());
            update = (share.since() != null) ? update.bind("since", share.since())
                    : update.bindNull("since", Instant.class);
        }
        return update.fetch().rowsUpdated().then();
    }

    private static StoredRow toRow(Readable row) {
        Integer failures = row.get("failures", Integer.class);
        Integer locks = row.get("locks", Integer.class);
        Integer counted = row.get("counted", Integer.class);
        ThrottleState state = new ThrottleState((failures != null) ? failures : 0,
                row.get("last_failure_at", Instant.class), (locks != null) ? locks : 0,
                row.get("locked_until", Instant.class));
        // A row just inserted has no history yet.
        boolean fresh = state.failures() == 0 && state.locks() == 0 && state.lockedUntil() == null;
        return new StoredRow(fresh ? null : state,
                new AccountShare((counted != null) ? counted : 0, row.get("counted_since", Instant.class)));
    }

    private static String sourceKey(String email, Source source) {
        return (source.device() ? "account_device:" : "account_ip:") + email + "|" + source.id();
    }

    private static String accountKey(String email) {
        return "account:" + email;
    }

    /**
     * Where an attempt comes from, as the lockout counts it.
     *
     * @param id the address's counting key, or the device token's id
     * @param device whether it is a valid device token (exempt from the account-wide
     * lock)
     */
    public record Source(String id, boolean device) {

    }

    /**
     * The state of an attempt's keys before it is evaluated.
     *
     * @param remainingLock how long the account is still locked for this client, or
     * {@code null}
     * @param failuresOnRecord whether this account and source have failures stored
     */
    public record Check(@Nullable Duration remainingLock, boolean failuresOnRecord) {

    }

    private record StoredRow(@Nullable ThrottleState state, AccountShare share) {

    }

    private record SourceOutcome(boolean lockedNow, boolean addsToAccount) {

    }

}
