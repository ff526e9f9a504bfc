package dev.edgeauth.bench.login;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * The ceiling a login can reach: how many password checks per second the auth-service's encoder does on its
 * own (Argon2id, 7 MiB, t=5, p=1, the default of {@code PasswordProperties}), with as many threads as the hashing pool.
 *
 * <p>
 * Usage: {@code HashRate <threads> <seconds>}; prints checks per second.
 */
public final class HashRate {

    private HashRate() {
    }

    public static void main(String[] args) throws InterruptedException {
        int threads = Integer.parseInt(args[0]);
        long seconds = Long.parseLong(args[1]);
        Argon2PasswordEncoder encoder = new Argon2PasswordEncoder(16, 32, 1, 7168, 5);
        String hash = encoder.encode("correct horse battery staple");
        // Warm-up: JIT and the first allocations of the 7 MiB blocks.
        for (int i = 0; i < 20; i++) {
            encoder.matches("correct horse battery staple", hash);
        }
        AtomicLong checks = new AtomicLong();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        CountDownLatch done = new CountDownLatch(threads);
        long started = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                while (System.nanoTime() < deadline) {
                    if (encoder.matches("correct horse battery staple", hash)) {
                        checks.incrementAndGet();
                    }
                }
                done.countDown();
            });
            worker.start();
        }
        done.await();
        double elapsed = (System.nanoTime() - started) / 1e9;
        System.out.printf("%.1f%n", checks.get() / elapsed);
    }

}
