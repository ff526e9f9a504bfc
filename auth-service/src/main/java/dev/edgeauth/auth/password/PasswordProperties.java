package dev.edgeauth.auth.password;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Password policy and hashing ({@code edgeauth.password.*}).
 *
 * @param minLength shortest password accepted, in characters (default 8, ASVS 6.2.1)
 * @param maxLength longest password accepted (default 128); never truncated below it
 * @param minStrength the zxcvbn score (0 to 4) a new password needs: 0 and 1 are
 * passwords found in common-password lists or guessable in under a million tries (default
 * 2)
 * @param hashingThreads threads that hash passwords in parallel (default: one per core)
 * @param hashingQueue requests that may wait for a hashing thread; beyond it, login and
 * signup answer 503 at once instead of queueing without bound (default 256)
 * @param argon2MemoryKib Argon2id memory cost (default 19456 KiB = 19 MiB, OWASP)
 * @param argon2Iterations Argon2id iterations (default 2, OWASP)
 */
@ConfigurationProperties("edgeauth.password")
@Validated
public record PasswordProperties(@DefaultValue("8") @Min(8) int minLength, @DefaultValue("128") @Min(64) int maxLength,
        @DefaultValue("2") @Min(0) @Max(4) int minStrength, @DefaultValue("0") @Min(0) int hashingThreads,
        @DefaultValue("256") @Min(1) int hashingQueue, @DefaultValue("19456") @Min(8192) int argon2MemoryKib,
        @DefaultValue("2") @Min(1) int argon2Iterations) {

    /** The hashing threads, {@code 0} meaning one per core. */
    public int effectiveHashingThreads() {
        return (this.hashingThreads > 0) ? this.hashingThreads : Runtime.getRuntime().availableProcessors();
    }

}
