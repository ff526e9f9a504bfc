package dev.edgeauth.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.edgeauth.common.testing.Concurrently;
import dev.edgeauth.e2e.RawHttp.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scale-out: refresh rotation is decided in the shared database, row-locked, whichever
 * auth-service is asked. A token rotated on one and presented on the other after the
 * grace window is reuse (the session ends); concurrent refreshes of one token spread over
 * both are one rotation, every caller getting the same successor.
 */
class ScaleOutRefreshTests {

    /** The scale-out stack's {@code EDGEAUTH_REFRESH_GRACE}. */
    private static final Duration GRACE = Duration.ofSeconds(1);

    private static final int CONCURRENT = 20;

    private final ScaleOutStack stack = ScaleOutStack.get();

    @Test
    void refreshRotatedOnOneAuthServiceAndReplayedAfterTheGraceWindowOnTheOtherIsReuse() {
        ScaleOutSession ada = ScaleOutSession.signUp(this.stack, RawHttp.from("127.0.14.1"));
        Response rotated = refresh(ada.client(), 1, ada.refreshToken());
        assertThat(rotated.status()).as("rotation at auth-service-1: %s", rotated).isEqualTo(200);
        Instant rotatedAt = Instant.now();

        await("the grace window over").atMost(GRACE.multipliedBy(3))
            .until(() -> Duration.between(rotatedAt, Instant.now()).compareTo(GRACE.plusMillis(200)) > 0);
        Response replayed = refresh(ada.client(), 2, ada.refreshToken());
        assertThat(replayed.status()).as("the spent token at auth-service-2: %s", replayed).isEqualTo(401);
        assertThat(replayed.json("code")).isEqualTo("invalid_grant");

        Response successor = refresh(ada.client(), 1, rotated.json("refresh_token"));
        assertThat(successor.status()).as("the successor after reuse: the session is over: %s", successor)
            .isEqualTo(401);
    }

    @Test
    void concurrentRefreshesOfOneTokenSplitAcrossAuthServicesAllSucceedWithOneSuccessor() throws SQLException {
        ScaleOutSession ada = ScaleOutSession.signUp(this.stack, RawHttp.from("127.0.14.2"));

        List<Response> answers = Concurrently.run(CONCURRENT,
                (i) -> refresh(ada.client(), 1 + (i % 2), ada.refreshToken()));

        assertThat(answers).as("answers").allSatisfy((answer) -> assertThat(answer.status()).isEqualTo(200));
        assertThat(answers.stream().map((answer) -> answer.json("refresh_token")).distinct())
            .as("successors handed out")
            .hasSize(1);
        try (Connection database = DriverManager.getConnection(this.stack.authDatabaseUrl())) {
            assertThat(Rows.count(database,
                    "SELECT count(*) FROM auth.refresh_tokens t JOIN auth.sessions s ON s.id = t.session_id"
                            + " WHERE s.user_id = ?",
                    ada.userId()))
                .as("refresh tokens of the session: the first and one successor")
                .isEqualTo(2);
        }
    }

    private Response refresh(RawHttp client, int authService, String refreshToken) {
        return client.send(this.stack.authService(authService).port(), "POST", "/auth/refresh", Map.of(),
                ScaleOutSession.refreshBody(refreshToken));
    }

}
