package dev.edgeauth.auth.password;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;

import jakarta.validation.constraints.AssertTrue;
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
 * @param hashingThreads threads that hash passwords in parallel (default: one per core,
 * at most as many as the old generation holds the Argon2 memory of, beside 40 MiB for the
 * rest: each thread keeps its {@code argon2MemoryKib} for good)
 * @param hashingQueue requests that may wait for a hashing thread; beyond it, login and
 * signup answer 503 at once instead of queueing without bound (default 256)
 * @param argon2MemoryKib Argon2id memory cost (default 7168 KiB = 7 MiB; with 5
 * iterations, one of the configurations OWASP lists as equally strong, and Keycloak's
 * default; at least 7168)
 * @param argon2Iterations Argon2id iterations (default 5); memory times iterations must
 * be at least 7168 x 5, the work of OWASP's least configuration
 */
@ConfigurationProperties("edgeauth.password")
@Validated
public record PasswordProperties(@DefaultValue("8") @Min(8) int minLength, @DefaultValue("128") @Min(64) int maxLength,
        @DefaultValue("2") @Min(0) @Max(4) int minStrength, @DefaultValue("0") @Min(0) int hashingThreads,
        @DefaultValue("256") @Min(1) int hashingQueue, @DefaultValue("7168") @Min(7168) int argon2MemoryKib,
        @DefaultValue("5") @Min(1) int argon2Iterations) {

    /** Heap kept for everything but the hashing threads' Argon2 memory. */
    private static final long HEAP_FOR_THE_REST = 40L << 20;

    /** KiB × passes of Argon2id at 7 MiB and 5 passes. */
    private static final long OWASP_LEAST_WORK = 7168L * 5;

    /**
     * Whether Argon2id does at least the work of OWASP's least configuration (7 MiB, 5
     * passes): its configurations trade memory for passes at about the same product.
     */
    @AssertTrue(message = "argon2-memory-kib x argon2-iterations must be at least 35840 (7 MiB and 5 passes, "
            + "OWASP's least Argon2id configuration)")
    public boolean isArgon2AtLeastOwaspWork() {
        return (long) this.argon2MemoryKib * this.argon2Iterations >= OWASP_LEAST_WORK;
    }

    /**
     * The hashing threads: as configured, or one per core, at most as many as the old
     * generation holds beside the rest.
     */
    public int effectiveHashingThreads() {
        if (this.hashingThreads > 0) {
            return this.hashingThreads;
        }
        // A block of 1 KiB costs about 1,05 KiB on the heap (its long[] and the Block).
        long perThread = this.argon2MemoryKib * 1076L;
        long fit = (oldGenerationMax() - HEAP_FOR_THE_REST) / perThread;
        return (int) Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), fit));
    }

    // Where the pools live for good: the heap's pool that is not collected young (the
    // tenured generation of the serial collector jvm.options picks, G1's old gen); three
    // quarters of the heap when the collector names none.
    private static long oldGenerationMax() {
        return ManagementFactory.getMemoryPoolMXBeans()
            .stream()
            .filter((pool) -> pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported())
            .filter((pool) -> pool.getName().contains("Old") || pool.getName().contains("Tenured"))
            .mapToLong((pool) -> pool.getUsage().getMax())
            .filter((max) -> max > 0)
            .findFirst()
            .orElse(Runtime.getRuntime().maxMemory() * 3 / 4);
    }

}
