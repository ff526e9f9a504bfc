import java.lang.management.ManagementFactory;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * The heap each entry of the gateway's three bounded in-memory structures costs, measured
 * on the gateway's own classes (run on its classpath by {@code bench/footprint.sh}): the
 * verified-token cache, the local rate-limit windows and the revoked sessions. Each is
 * filled with {@code N} realistic entries (a token of today's claims, a window keyed by
 * an address, a session id); the used heap after full collections, before and after,
 * divided by {@code N}, is the cost per entry. The structures are the production classes,
 * built through their package-private constructors by reflection.
 *
 * <p>
 * Prints one line per structure: {@code entry=<name> entries=<n> bytes_per_entry=<b>}.
 */
public final class EntryCost {

    private static final int ENTRIES = 50_000;

    private EntryCost() {
    }

    public static void main(String[] args) throws Exception {
        measure("token-cache", tokenCache());
        measure("rate-limit-window", rateLimitWindows());
        measure("revoked-session", revokedSessions());
    }

    private static void measure(String name, Filler filler) throws Exception {
        Object structure = filler.create();
        long before = usedHeapAfterGc();
        for (int i = 0; i < ENTRIES; i++) {
            filler.add(structure, i);
        }
        long after = usedHeapAfterGc();
        System.out.printf("entry=%s entries=%d bytes_per_entry=%d%n", name, ENTRIES, (after - before) / ENTRIES);
        // Kept reachable until measured.
        System.out.println("# kept " + structure.getClass().getSimpleName());
    }

    // CachingAccessTokenVerifier.remember(TokenHash, AccessToken, withdrawals): what a
    // verified token leaves behind.
    private static Filler tokenCache() throws Exception {
        Class<?> verifierType = Class.forName("dev.edgeauth.gateway.security.CachingAccessTokenVerifier");
        Class<?> hashType = Class.forName("dev.edgeauth.gateway.security.CachingAccessTokenVerifier$TokenHash");
        Class<?> tokenType = Class.forName("dev.edgeauth.gateway.security.AccessToken");
        Constructor<?> constructor = verifierType.getDeclaredConstructors()[0];
        constructor.setAccessible(true);
        Method hashOf = hashType.getDeclaredMethod("of", String.class);
        hashOf.setAccessible(true);
        Method remember = verifierType.getDeclaredMethod("remember", hashType, tokenType, long.class);
        remember.setAccessible(true);
        Constructor<?> token = tokenType.getDeclaredConstructors()[0];
        Instant expiresAt = Instant.now().plus(Duration.ofMinutes(15));
        return new Filler(() -> constructor.newInstance(null, null, Clock.systemUTC(), Duration.ofSeconds(60),
                ENTRIES * 2L), (cache, i) -> {
                    String jws = "eyJhbGciOiJFZERTQSJ9." + UUID.randomUUID() + "." + i;
                    remember.invoke(cache, hashOf.invoke(null, jws), token.newInstance(UUID.randomUUID().toString(),
                            UUID.randomUUID().toString(), List.of("user"), expiresAt), 0L);
                });
    }

    // LocalRateLimiter.decide(policy, key): one window per policy and client address.
    private static Filler rateLimitWindows() throws Exception {
        Class<?> limiterType = Class.forName("dev.edgeauth.gateway.ratelimit.LocalRateLimiter");
        Class<?> policyType = Class.forName("dev.edgeauth.gateway.routing.RateLimitPolicy");
        Constructor<?> constructor = limiterType.getDeclaredConstructor(long.class, LongSupplier.class);
        constructor.setAccessible(true);
        Method decide = limiterType.getDeclaredMethod("decide", policyType, String.class);
        decide.setAccessible(true);
        Object policy = ((java.util.Map<?, ?>) policyType.getField("DEFAULTS").get(null)).get("api-ip");
        LongSupplier nanoTime = System::nanoTime;
        return new Filler(() -> constructor.newInstance(ENTRIES * 2L, nanoTime), (limiter, i) -> decide
            .invoke(limiter, policy, "10." + ((i >> 16) & 255) + "." + ((i >> 8) & 255) + "." + (i & 255)));
    }

    // RevokedSessions.revoke(sid, forgetAfter): what one logout costs every gateway.
    private static Filler revokedSessions() throws Exception {
        Class<?> type = Class.forName("dev.edgeauth.gateway.revocation.RevokedSessions");
        Constructor<?> constructor = type.getDeclaredConstructor(Clock.class, int.class);
        Method revoke = type.getDeclaredMethod("revoke", String.class, Instant.class);
        revoke.setAccessible(true);
        Instant forgetAfter = Instant.now().plus(Duration.ofMinutes(16));
        return new Filler(() -> constructor.newInstance(Clock.systemUTC(), ENTRIES * 2),
                (sessions, i) -> revoke.invoke(sessions, UUID.randomUUID().toString(), forgetAfter));
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private record Filler(Factory create0, Adder add0) {

        Object create() throws Exception {
            return this.create0.create();
        }

        void add(Object structure, int i) throws Exception {
            this.add0.add(structure, i);
        }

    }

    private interface Factory {

        Object create() throws Exception;

    }

    private interface Adder {

        void add(Object structure, int i) throws Exception;

    }

}
