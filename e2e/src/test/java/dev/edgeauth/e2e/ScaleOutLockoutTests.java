package dev.edgeauth.e2e;

import java.util.Map;

import dev.edgeauth.e2e.RawHttp.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scale-out: the failed-login lockout lives in the shared database, so a lock reached
 * through one auth-service holds on the other, where the right password is then refused
 * before it is checked.
 */
class ScaleOutLockoutTests {

    /** specs/accounts.md: five failures from one source lock the account for it. */
    private static final int THRESHOLD = 5;

    private final ScaleOutStack stack = ScaleOutStack.get();

    @Test
    void lockoutReachedThroughOneAuthServiceHoldsOnTheOther() {
        RawHttp client = RawHttp.from("127.0.11.1");
        ScaleOutSession ada = ScaleOutSession.signUp(this.stack, client);
        int first = this.stack.authService(1).port();
        int second = this.stack.authService(2).port();

        for (int attempt = 1; attempt <= THRESHOLD; attempt++) {
            Response wrong = client.send(first, "POST", "/auth/login", Map.of(),
                    ScaleOutSession.credentials(ada.email(), "not the password " + attempt));
            assertThat(wrong.status()).as("wrong password %d at auth-service-1: %s", attempt, wrong).isEqualTo(401);
        }

        Response locked = client.send(second, "POST", "/auth/login", Map.of(),
                ScaleOutSession.credentials(ada.email()));
        assertThat(locked.status()).as("the right password at auth-service-2: %s", locked).isEqualTo(429);
        assertThat(locked.json("code")).isEqualTo("rate_limited");
        assertThat(locked.headers().get("retry-after")).as("Retry-After").matches("[1-9][0-9]*");
    }

}
