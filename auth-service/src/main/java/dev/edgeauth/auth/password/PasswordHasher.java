package dev.edgeauth.auth.password;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import org.springframework.util.Assert;

/**
 * Argon2id password hashing (RFC 9106) on a bounded scheduler of its own, never on an
 * event loop: one hash costs tens of milliseconds of CPU and 7 MiB of memory, which each
 * hashing thread keeps and reuses ({@link PooledArgon2}).
 *
 * <p>
 * The encoded hash carries its parameters ({@code $argon2id$v=19$m=7168,t=5,p=1$…}), so
 * they can change later: {@link #needsRehash} tells when a stored hash has less memory or
 * fewer passes than the current parameters.
 */
public final class PasswordHasher {

    private static final int SALT_BYTES = 16;

    private static final int HASH_BYTES = 32;

    private static final int PARALLELISM = 1;

    private final PooledArgon2 encoder;

    private final PasswordPolicy policy;

    private final Counter verifications;

    private final Counter hashes;

    private final Scheduler scheduler;

    // A real hash of a random password: an unknown email is checked against it, so it
    // costs the same work as a
    // wrong password (no timing oracle for which emails are registered).
    private final Mono<String> dummyHash;

    public PasswordHasher(PasswordProperties properties, PasswordPolicy policy, Scheduler scheduler,
            MeterRegistry meters) {
        Assert.notNull(properties, "properties cannot be null");
        Assert.notNull(policy, "policy cannot be null");
        Assert.notNull(scheduler, "scheduler cannot be null");
        this.policy = policy;
        this.verifications = Counter.builder("edgeauth.password.verifications")
            .description("Argon2 verifications of a password, against a stored or the dummy hash")
            .register(meters);
        this.hashes = Counter.builder("edgeauth.password.hashes")
            .description("Argon2 hashes of new passwords")
            .register(meters);
        this.encoder = new PooledArgon2(SALT_BYTES, HASH_BYTES, PARALLELISM, properties.argon2MemoryKib(),
                properties.argon2Iterations());
        this.scheduler = scheduler;
        this.dummyHash = Mono.fromCallable(() -> this.encoder.encode("edgeauth-dummy-password-never-matches"))
            .subscribeOn(scheduler)
            .cache();
        // Made now, off the request path, so the first unknown-email login costs what
        // every other one does.
        this.dummyHash.subscribe();
    }

    /**
     * Checks a new password against the policy, then hashes it; both on the hashing
     * scheduler.
     * @param password the password as typed
     * @param email the account's email (a hint the password must not be built from)
     * @return the encoded hash, or 400 {@code weak_password}
     */
    public Mono<String> hashNew(String password, String email) {
        return Mono.fromCallable(() -> {
            this.policy.check(password, email);
            return encode(password);
        }).subscribeOn(this.scheduler);
    }

    /**
     * Hashes a password that was already accepted (a re-hash with the current
     * parameters).
     */
    public Mono<String> rehash(String password) {
        return Mono.fromCallable(() -> encode(password)).subscribeOn(this.scheduler);
    }

    private String encode(String password) {
        this.hashes.increment();
        return this.encoder.encode(password);
    }

    /**
     * Checks a password against a stored hash, or against the dummy hash when there is
     * none, so that both cases cost one Argon2 computation.
     * @param password the password as typed
     * @param storedHash the user's hash, or {@code null} for an unknown user
     * @return whether it matches ({@code false} for an unknown user)
     */
    public Mono<Boolean> matches(String password, @Nullable String storedHash) {
        if (storedHash == null) {
            return this.dummyHash.flatMap((dummy) -> matches(password, dummy)).map((ignored) -> false);
        }
        return Mono.fromCallable(() -> {
            this.verifications.increment();
            return this.encoder.matches(password, storedHash);
        }).subscribeOn(this.scheduler);
    }

    /**
     * Whether a stored hash has less memory or fewer passes than the current parameters.
     */
    public boolean needsRehash(String storedHash) {
        return this.encoder.upgradeEncoding(storedHash);
    }

}
