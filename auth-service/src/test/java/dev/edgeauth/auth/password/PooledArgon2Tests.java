package dev.edgeauth.auth.password;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The pooled Argon2id hashes are the PHC strings Spring Security's encoder reads and
 * writes: hashes stored before keep working, and either can check the other's.
 */
class PooledArgon2Tests {

    // Small parameters: the format and the arithmetic are the same at any size.
    private final PooledArgon2 pooled = new PooledArgon2(16, 32, 1, 64, 2);

    private final Argon2PasswordEncoder spring = new Argon2PasswordEncoder(16, 32, 1, 64, 2);

    @Test
    void matchesWhenHashMadeBySpringsEncoderThenTrueForThePasswordOnly() {
        String stored = this.spring.encode("correct horse battery staple");

        assertThat(this.pooled.matches("correct horse battery staple", stored)).isTrue();
        assertThat(this.pooled.matches("correct horse battery stapler", stored)).isFalse();
    }

    @Test
    void encodeThenSpringsEncoderAcceptsTheHash() {
        String hash = this.pooled.encode("naïve pässwörd ☃");

        assertThat(hash).startsWith("$argon2id$v=19$m=64,t=2,p=1$");
        assertThat(this.spring.matches("naïve pässwörd ☃", hash)).isTrue();
        assertThat(this.spring.matches("naive passwort", hash)).isFalse();
    }

    @Test
    void matchesWhenTheSameThreadHashesAgainThenTheReusedBlocksGiveTheSameAnswers() {
        String first = this.pooled.encode("first password here");
        String second = this.pooled.encode("second password here");

        for (int i = 0; i < 3; i++) {
            assertThat(this.pooled.matches("first password here", first)).isTrue();
            assertThat(this.pooled.matches("second password here", second)).isTrue();
            assertThat(this.pooled.matches("first password here", second)).isFalse();
        }
    }

    @Test
    void matchesWhenHashHasNoVersionOrPaddedBase64ThenReadAsSpringReadsIt() {
        String stored = this.spring.encode("correct horse battery staple");
        String[] parts = stored.split("\\$");
        // $argon2id$v=19$m=64,t=2,p=1$salt$hash: without v= (version 1.3, as Spring
        // reads it), and with padding.
        String withoutVersion = "$" + parts[1] + "$" + parts[3] + "$" + parts[4] + "$" + parts[5];
        String padded = stored + "=";

        assertThat(this.spring.matches("correct horse battery staple", withoutVersion)).isTrue();
        assertThat(this.pooled.matches("correct horse battery staple", withoutVersion)).isTrue();
        assertThat(this.pooled.matches("correct horse battery staple", padded)).isTrue();
    }

    @Test
    void matchesWhenNotAnArgon2HashThenFalse() {
        assertThat(this.pooled.matches("password", "$2a$10$notargon")).isFalse();
        assertThat(this.pooled.matches("password", "$argon2id$v=19$m=64,t=2,p=1$***$***")).isFalse();
    }

    @Test
    void upgradeEncodingWhenStoredWithLessMemoryOrFewerIterationsThenTrue() {
        assertThat(this.pooled.upgradeEncoding(new Argon2PasswordEncoder(16, 32, 1, 32, 2).encode("p"))).isTrue();
        assertThat(this.pooled.upgradeEncoding(new Argon2PasswordEncoder(16, 32, 1, 64, 1).encode("p"))).isTrue();
        assertThat(this.pooled.upgradeEncoding(this.spring.encode("p"))).isFalse();
    }

    @Test
    void matchesWhenStoredHashesHaveMoreMemoryThanPooledThenCheckedOneAtATime() throws Exception {
        // Hashes made with 128 times the pooled memory and many passes, so that a check
        // lasts long enough for the other thread to be seen waiting for it.
        Argon2PasswordEncoder larger = new Argon2PasswordEncoder(16, 32, 1, 8192, 12);
        List<String> stored = List.of(larger.encode("first password"), larger.encode("second password"));
        ExecutorService threads = Executors.newFixedThreadPool(2);
        AtomicReference<Thread> waiting = new AtomicReference<>();
        List<Thread> workers = new CopyOnWriteArrayList<>();
        try {
            Future<Boolean> first = threads.submit(() -> {
                workers.add(Thread.currentThread());
                return this.pooled.matches("first password", stored.get(0));
            });
            Future<Boolean> second = threads.submit(() -> {
                workers.add(Thread.currentThread());
                return this.pooled.matches("second password", stored.get(1));
            });

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(1)).until(() -> {
                workers.stream()
                    .filter((t) -> t.getState() == Thread.State.BLOCKED)
                    .findFirst()
                    .ifPresent(waiting::set);
                return waiting.get() != null || (first.isDone() && second.isDone());
            });
            assertThat(waiting.get()).as("a thread waiting for the other's check").isNotNull();
            assertThat(first.get()).isTrue();
            assertThat(second.get()).isTrue();
        }
        finally {
            threads.shutdownNow();
        }
    }

}
