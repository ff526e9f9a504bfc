package dev.edgeauth.auth.signingkey;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The signing keys an instance knows at one moment, and the timeline they follow
 * (specs/signing-keys.md). Immutable; every decision takes the time as an argument, so
 * the same ring answers differently as time passes, and every instance with the same rows
 * answers the same.
 *
 * <ul>
 * <li>A key is published from its creation.</li>
 * <li>It signs from its activation until the next generation activates (its
 * retirement).</li>
 * <li>It stays published until retirement + access-token lifetime + clock skew: the last
 * token it signed expired then, even for a verifier whose clock is behind.</li>
 * </ul>
 */
public final class KeyRing {

    private final List<SigningKey> keys;

    private final Duration retention;

    /**
     * @param keys the keys, in any order
     * @param retention how long a key stays published after its retirement: the
     * access-token lifetime plus the clock skew
     */
    KeyRing(List<SigningKey> keys, Duration retention) {
        List<SigningKey> sorted = new ArrayList<>(keys);
        sorted.sort(Comparator.comparingInt(SigningKey::generation));
        this.keys = List.copyOf(sorted);
        this.retention = retention;
    }

    /** Every key this ring holds, oldest generation first, published or not. */
    public List<SigningKey> keys() {
        return this.keys;
    }

    /**
     * The key that signs at the given time: the newest generation already activated.
     * @param now the time
     * @return the key, or {@code null} when none is active (an empty ring)
     */
    public @Nullable SigningKey signingKey(Instant now) {
        SigningKey active = null;
        for (SigningKey key : this.keys) {
            if (!key.activatesAt().isAfter(now)) {
                active = key;
            }
        }
        return active;
    }

    /**
     * When a key stops signing: when the next generation activates.
     * @param key a key of this ring
     * @return its retirement, or {@code null} while no successor exists
     */
    public @Nullable Instant retiresAt(SigningKey key) {
        for (SigningKey candidate : this.keys) {
            if (candidate.generation() > key.generation()) {
                return candidate.activatesAt();
            }
        }
        return null;
    }

    /**
     * Until when a key is published: its retirement plus the access-token lifetime plus
     * the clock skew.
     * @param key a key of this ring
     * @return the end of its publication, or {@code null} while no successor exists
     */
    public @Nullable Instant publishedUntil(SigningKey key) {
        Instant retiresAt = retiresAt(key);
        return (retiresAt != null) ? retiresAt.plus(this.retention) : null;
    }

    /**
     * The keys of the JWKS at the given time, newest first: every key not yet past its
     * publication.
     * @param now the time
     * @return the published keys
     */
    public List<SigningKey> published(Instant now) {
        List<SigningKey> published = new ArrayList<>();
        for (int i = this.keys.size() - 1; i >= 0; i--) {
            SigningKey key = this.keys.get(i);
            Instant until = publishedUntil(key);
            if (until == null || !now.isAfter(until)) {
                published.add(key);
            }
        }
        return published;
    }

    /**
     * The published key a token names in its {@code kid}; only such a key may verify it.
     * @param kid the token's key id
     * @param now the time
     * @return the key, or {@code null} when no published key has that id
     */
    public @Nullable SigningKey verificationKey(String kid, Instant now) {
        for (SigningKey key : this.keys) {
            if (key.kid().equals(kid)) {
                Instant until = publishedUntil(key);
                return (until == null || !now.isAfter(until)) ? key : null;
            }
        }
        return null;
    }

    /** The newest generation, or {@code null} for an empty ring. */
    public @Nullable SigningKey newest() {
        return this.keys.isEmpty() ? null : this.keys.get(this.keys.size() - 1);
    }

    /**
     * Whether the schedule calls for a new key: the newest key has signed (or will have
     * signed by the time a key created now activates) for the rotation interval.
     * @param now the time
     * @param rotationInterval how long each key signs
     * @param leadTime how long a new key is published before it signs
     * @return whether to rotate now
     */
    boolean rotationDue(Instant now, Duration rotationInterval, Duration leadTime) {
        SigningKey newest = newest();
        return newest == null || !now.isBefore(newest.activatesAt().plus(rotationInterval).minus(leadTime));
    }

    @Nullable SigningKey byKid(String kid) {
        for (SigningKey key : this.keys) {
            if (key.kid().equals(kid)) {
                return key;
            }
        }
        return null;
    }

    @Nullable SigningKey byGeneration(int generation) {
        for (SigningKey key : this.keys) {
            if (key.generation() == generation) {
                return key;
            }
        }
        return null;
    }

}
