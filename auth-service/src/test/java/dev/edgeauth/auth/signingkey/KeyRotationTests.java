package dev.edgeauth.auth.signingkey;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.edgeauth.auth.Await;
import dev.edgeauth.auth.AuthServiceIntegrationTest;
import dev.edgeauth.auth.MutableClock;
import dev.edgeauth.token.TokenProperties;
import dev.edgeauth.auth.token.AccessTokenMinter;
import dev.edgeauth.token.AccessTokenVerifier;
import dev.edgeauth.token.InvalidAccessTokenException;
import dev.edgeauth.auth.token.MintedAccessToken;
import dev.edgeauth.common.testing.WholeResponseConnector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The rotation timeline, driven by a {@link MutableClock}: publish first, sign after the
 * lead time, keep a retired key published until its last token has expired.
 */
@AuthServiceIntegrationTest
@TestPropertySource(properties = "edgeauth.database.schema=auth_rotation")
class KeyRotationTests {

    @Autowired
    private WebTestClient client;

    @Autowired
    private SigningKeyService keys;

    @Autowired
    private SigningKeyProperties properties;

    @Autowired
    private TokenProperties tokenProperties;

    @Autowired
    private AccessTokenMinter minter;

    @Autowired
    private AccessTokenVerifier verifier;

    @Autowired
    private MutableClock clock;

    @Autowired
    private DatabaseClient database;

    @LocalManagementPort
    private int managementPort;

    private JwksTestClient jwks;

    @BeforeEach
    void settle() {
        this.jwks = new JwksTestClient(this.client);
        // Past every pending activation and every retired key's publication: one key,
        // signing, and nothing else, whatever the previous test left.
        Instant latest = this.clock.instant();
        for (SigningKey key : this.keys.ring().keys()) {
            if (key.activatesAt().isAfter(latest)) {
                latest = key.activatesAt();
            }
        }
        this.clock.moveTo(latest.plus(this.tokenProperties.retention()).plusSeconds(1));
        Await.completion(this.keys.maintain());
        assertThat(this.keys.ring().published(this.clock.instant())).hasSize(1);
    }

    @Test
    void rotateWhenCalledThenNewKeyIsInJwksBeforeItSignsAnything() {
        SigningKey current = signingKeyNow();

        SigningKey next = Await.value(this.keys.rotate()).key();

        assertThat(this.jwks.kids()).contains(next.kid(), current.kid());
        assertThat(Duration.between(next.createdAt(), next.activatesAt())).isGreaterThanOrEqualTo(
                this.properties.jwksMaxAge().multipliedBy(2).plus(this.properties.refreshInterval()));
        assertThat(mint().kid()).isEqualTo(current.kid());
        this.clock.moveTo(next.activatesAt().minusSeconds(1));
        assertThat(mint().kid()).isEqualTo(current.kid());
        this.clock.moveTo(next.activatesAt());
        assertThat(mint().kid()).isEqualTo(next.kid());
    }

    @Test
    void verifyWhenTokenSignedBeforeRotationThenValidAfterItUntilItExpires() {
        SigningKey current = signingKeyNow();
        MintedAccessToken beforeCall = mint();
        SigningKey next = Await.value(this.keys.rotate()).key();
        assertThat(this.verifier.verify(beforeCall.value()).block().kid()).isEqualTo(current.kid());
        this.clock.moveTo(next.activatesAt().minusSeconds(30));
        MintedAccessToken beforeSwitch = mint();

        this.clock.moveTo(next.activatesAt().plusSeconds(1));

        assertThat(mint().kid()).isEqualTo(next.kid());
        assertThat(this.verifier.verify(beforeSwitch.value()).block().kid()).isEqualTo(current.kid());
        this.clock.moveTo(beforeSwitch.expiresAt().plus(this.tokenProperties.clockSkew()).minusSeconds(1));
        assertThat(this.verifier.verify(beforeSwitch.value()).block().jti()).isEqualTo(beforeSwitch.jti());
        this.clock.moveTo(beforeSwitch.expiresAt().plus(this.tokenProperties.clockSkew()));
        assertThatExceptionOfType(InvalidAccessTokenException.class)
            .isThrownBy(() -> this.verifier.verify(beforeSwitch.value()).block())
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(InvalidAccessTokenException.Reason.EXPIRED));
    }

    @Test
    void jwksWhenRetiredKeysLastTokenStillValidThenKeepsItAndDropsItOnlyAfterwards() {
        SigningKey retiring = signingKeyNow();
        SigningKey next = Await.value(this.keys.rotate()).key();
        this.clock.moveTo(next.activatesAt().minusSeconds(1));
        MintedAccessToken last = mint();
        assertThat(last.kid()).isEqualTo(retiring.kid());
        this.clock.moveTo(next.activatesAt());
        assertThat(mint().kid()).isEqualTo(next.kid());

        this.clock.moveTo(last.expiresAt().plus(this.tokenProperties.clockSkew()).minusSeconds(1));
        assertThat(this.jwks.kids()).contains(retiring.kid());
        assertThat(this.verifier.verify(last.value()).block().kid()).isEqualTo(retiring.kid());
        this.clock.moveTo(next.activatesAt().plus(this.tokenProperties.retention()));
        assertThat(this.jwks.kids()).contains(retiring.kid());

        this.clock.advance(Duration.ofSeconds(1));
        assertThat(this.jwks.kids()).containsExactly(next.kid());
        Await.completion(this.keys.maintain());
        assertThat(storedKids()).doesNotContain(retiring.kid()).contains(next.kid());
    }

    @Test
    void maintainWhenRotationIntervalRunsOutThenCreatesExactlyOneKey() {
        SigningKey newest = this.keys.ring().newest();
        Instant due = newest.activatesAt().plus(this.properties.rotationInterval()).minus(this.properties.leadTime());
        this.clock.moveTo(due.minusSeconds(1));
        Await.completion(this.keys.maintain());
        assertThat(this.keys.ring().newest().kid()).isEqualTo(newest.kid());

        this.clock.moveTo(due);
        Await.completion(this.keys.maintain());
        Await.completion(this.keys.maintain());

        SigningKey rotated = this.keys.ring().newest();
        assertThat(rotated.generation()).isEqualTo(newest.generation() + 1);
        assertThat(rotated.activatesAt()).isEqualTo(due.plus(this.properties.leadTime()));
        assertThat(rotatedEvents(rotated.kid())).singleElement()
            .satisfies((event) -> assertThat((String) event.get("details")).contains("\"trigger\": \"schedule\""));
    }

    @Test
    void rotateWhenCalledThenOneKeyRotatedAuditRowWithoutUser() {
        SigningKey previous = signingKeyNow();

        SigningKey next = Await.value(this.keys.rotate()).key();

        assertThat(rotatedEvents(next.kid())).singleElement().satisfies((event) -> {
            assertThat(event.get("outcome")).isEqualTo("success");
            assertThat(event.get("user_id")).isNull();
            assertThat(event.get("session_id")).isNull();
            assertThat((String) event.get("details")).contains("\"trigger\": \"operator\"")
                .contains("\"previous_kid\": \"" + previous.kid() + "\"");
        });
    }

    @Test
    void signingKeysEndpointWhenPostedOnManagementPortThenRotatesAndListsKeys() {
        WebTestClient management = WholeResponseConnector.bindToServer("http://localhost:" + this.managementPort)
            .build();
        SigningKey current = signingKeyNow();

        management.post()
            .uri("/actuator/signingkeys")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.rotated")
            .isEqualTo(true)
            .jsonPath("$.key.state")
            .isEqualTo("published")
            .jsonPath("$.key.generation")
            .isEqualTo(current.generation() + 1);

        management.get()
            .uri("/actuator/signingkeys")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.keys[0].generation")
            .isEqualTo(current.generation() + 1)
            .jsonPath("$.keys[1].kid")
            .isEqualTo(current.kid())
            .jsonPath("$.keys[1].state")
            .isEqualTo("signing");
        this.client.post().uri("/actuator/signingkeys").exchange().expectStatus().isNotFound();
    }

    @Test
    void signingKeysEndpointWhenPostedTwentyTimesThenOnePendingKeyAndSigningKeyStaysInJwks() {
        WebTestClient management = WholeResponseConnector.bindToServer("http://localhost:" + this.managementPort)
            .build();
        SigningKey signing = signingKeyNow();
        List<String> answeredKids = new ArrayList<>();
        List<Boolean> rotated = new ArrayList<>();

        for (int i = 0; i < 20; i++) {
            Map<String, Object> answer = management.post()
                .uri("/actuator/signingkeys")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                })
                .returnResult()
                .getResponseBody();
            rotated.add((Boolean) answer.get("rotated"));
            answeredKids.add((String) ((Map<?, ?>) answer.get("key")).get("kid"));
        }

        assertThat(rotated.get(0)).isTrue();
        assertThat(rotated.subList(1, 20)).containsOnly(false);
        assertThat(answeredKids).containsOnly(answeredKids.get(0));
        Instant now = this.clock.instant();
        assertThat(this.keys.ring().keys()).filteredOn((key) -> key.activatesAt().isAfter(now))
            .extracting(SigningKey::kid)
            .containsExactly(answeredKids.get(0));
        assertThat(this.jwks.kids()).containsExactlyInAnyOrder(signing.kid(), answeredKids.get(0));
        assertThat(signingKeyNow().kid()).isEqualTo(signing.kid());
        assertThat(rotatedEvents(answeredKids.get(0))).singleElement()
            .satisfies((event) -> assertThat((String) event.get("details")).contains("\"by\": \"operator\""));
    }

    private SigningKey signingKeyNow() {
        return this.keys.ring().signingKey(this.clock.instant());
    }

    private MintedAccessToken mint() {
        return this.minter.mint(UUID.randomUUID(), UUID.randomUUID(), List.of("user"));
    }

    private List<String> storedKids() {
        return Await.value(this.database.sql("SELECT kid FROM signing_keys")
            .map((row) -> row.get("kid", String.class))
            .all()
            .collectList());
    }

    private List<Map<String, Object>> rotatedEvents(String kid) {
        return Await.value(this.database
            .sql("SELECT outcome, user_id, session_id, details::text AS details FROM auth_events"
                    + " WHERE type = 'key_rotated' AND details ->> 'kid' = :kid")
            .bind("kid", kid)
            .fetch()
            .all()
            .collectList());
    }

}
