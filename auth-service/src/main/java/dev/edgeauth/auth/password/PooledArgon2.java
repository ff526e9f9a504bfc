package dev.edgeauth.auth.password;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.jspecify.annotations.Nullable;

/**
 * Argon2id hashes in the PHC string format ({@code $argon2id$v=19$m=…,t=…,p=…$salt$hash},
 * the format Spring Security's {@code Argon2PasswordEncoder} reads and writes), computed
 * with Bouncy Castle in memory that each hashing thread keeps.
 *
 * <p>
 * One hash needs {@code m} KiB of memory (7 MiB by default). Allocated anew for every
 * hash, as Spring's encoder does, that is 7 MiB of garbage a login, which a heap sized
 * for a small footprint has to collect, copying half-finished hashes between generations.
 * Here each hashing thread keeps its blocks in Bouncy Castle's own pool
 * ({@link Argon2BytesGenerator.FixedBlockPool}, cleared after every hash): the memory is
 * allocated once per thread, stays, and is the bounded, known cost of hashing (threads ×
 * m). Call it only from the bounded hashing scheduler.
 *
 * <p>
 * A stored hash made with more memory than the current parameters (19 MiB, before the
 * default became 7 MiB) needs its extra blocks anew for every check, until the user's
 * next login re-hashes it. Such checks run one at a time, so the heap holds at most one
 * set of extra blocks whatever the number of hashing threads; the others wait, which is
 * what a hashing thread is for.
 */
final class PooledArgon2 {

    private static final Pattern PHC = Pattern.compile(
            "\\$argon2(id|i|d)\\$(?:v=(\\d+)\\$)?m=(\\d+),t=(\\d+),p=(\\d+)\\$([A-Za-z0-9+/]+=*)\\$([A-Za-z0-9+/]+=*)");

    private static final Base64.Encoder BASE64 = Base64.getEncoder().withoutPadding();

    private static final Base64.Decoder BASE64_DECODER = Base64.getDecoder();

    private final int saltBytes;

    private final int hashBytes;

    private final int parallelism;

    private final int memoryKib;

    private final int iterations;

    private final SecureRandom random = new SecureRandom();

    private final ThreadLocal<Argon2BytesGenerator.FixedBlockPool> pools;

    private final Object largerThanPooled = new Object();

    PooledArgon2(int saltBytes, int hashBytes, int parallelism, int memoryKib, int iterations) {
        this.saltBytes = saltBytes;
        this.hashBytes = hashBytes;
        this.parallelism = parallelism;
        this.memoryKib = memoryKib;
        this.iterations = iterations;
        // A pool keeps at most the blocks of the current parameters: a stored hash with
        // a larger m allocates the extra blocks for each check (matches).
        this.pools = ThreadLocal.withInitial(() -> new Argon2BytesGenerator.FixedBlockPool(memoryKib));
    }

    /** A new hash of the password, with a random salt and the current parameters. */
    String encode(CharSequence password) {
        byte[] salt = new byte[this.saltBytes];
        this.random.nextBytes(salt);
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withSalt(salt)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withParallelism(this.parallelism)
            .withMemoryAsKB(this.memoryKib)
            .withIterations(this.iterations)
            .withBlockPool(this.pools.get())
            .build();
        byte[] hash = hash(password, parameters, this.hashBytes);
        return "$argon2id$v=" + Argon2Parameters.ARGON2_VERSION_13 + "$m=" + this.memoryKib + ",t=" + this.iterations
                + ",p=" + this.parallelism + "$" + BASE64.encodeToString(salt) + "$" + BASE64.encodeToString(hash);
    }

    /**
     * Whether the password matches a stored hash (Argon2id, Argon2i or Argon2d, with the
     * stored parameters; padded or unpadded base64); {@code false} for a string that is
     * not an Argon2 hash.
     */
    boolean matches(CharSequence password, String encoded) {
        Stored stored = Stored.parse(encoded);
        if (stored == null) {
            return false;
        }
        Argon2Parameters parameters = new Argon2Parameters.Builder(stored.type()).withSalt(stored.salt())
            .withVersion(stored.version())
            .withParallelism(stored.parallelism())
            .withMemoryAsKB(stored.memoryKib())
            .withIterations(stored.iterations())
            .withBlockPool(this.pools.get())
            .build();
        byte[] actual;
        if (stored.memoryKib() > this.memoryKib) {
            synchronized (this.largerThanPooled) {
                actual = hash(password, parameters, stored.hash().length);
            }
        }
        else {
            actual = hash(password, parameters, stored.hash().length);
        }
        return MessageDigest.isEqual(actual, stored.hash());
    }

    /** Whether a stored hash was made with less memory or fewer iterations than now. */
    boolean upgradeEncoding(String encoded) {
        Stored stored = Stored.parse(encoded);
        return stored != null && (stored.memoryKib() < this.memoryKib || stored.iterations() < this.iterations);
    }

    private static byte[] hash(CharSequence password, Argon2Parameters parameters, int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        // UTF-8, as Bouncy Castle's default converter and Spring's encoder have it.
        generator.generateBytes(password.toString().toCharArray(), out);
        return out;
    }

    private record Stored(int type, int version, int memoryKib, int iterations, int parallelism, byte[] salt,
            byte[] hash) {

        static @Nullable Stored parse(String encoded) {
            Matcher phc = PHC.matcher(encoded);
            if (!phc.matches()) {
                return null;
            }
            int type = switch (phc.group(1)) {
                case "id" -> Argon2Parameters.ARGON2_id;
                case "i" -> Argon2Parameters.ARGON2_i;
                default -> Argon2Parameters.ARGON2_d;
            };
            try {
                // Without v=, version 1.3, as Spring's encoder reads it.
                int version = (phc.group(2) != null) ? Integer.parseInt(phc.group(2))
                        : Argon2Parameters.ARGON2_VERSION_13;
                return new Stored(type, version, Integer.parseInt(phc.group(3)), Integer.parseInt(phc.group(4)),
                        Integer.parseInt(phc.group(5)), BASE64_DECODER.decode(phc.group(6)),
                        BASE64_DECODER.decode(phc.group(7)));
            }
            catch (IllegalArgumentException ex) {
                return null;
            }
        }

    }

}
