package dev.edgeauth.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Test fixture: the stack's endpoints called with the JDK's HTTP client, each request
 * timed on its own and bounded, so a fault test can hold a 503 to the contract's
 * "answered quickly" and a service that hangs fails the test (saying how long it waited)
 * instead of stalling it.
 */
final class TimedClient {

    /** Past this a request counts as hung: longer than any bound a test asserts. */
    static final Duration HANG_TIMEOUT = Duration.ofSeconds(15);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;

    TimedClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    Answer signup(String email) {
        return post("/auth/signup", null, credentials(email));
    }

    Answer login(String email) {
        return post("/auth/login", null, credentials(email));
    }

    Answer refresh(String refreshToken) {
        return post("/auth/refresh", null, "{\"refresh_token\":\"" + refreshToken + "\"}");
    }

    Answer me(String accessToken) {
        return get("/auth/me", accessToken);
    }

    Answer logout(String accessToken) {
        return post("/auth/logout", accessToken, null);
    }

    Answer tasks(String accessToken) {
        return get("/api/tasks?limit=100", accessToken);
    }

    Answer createTask(String accessToken, String title) {
        return post("/api/tasks", accessToken, "{\"title\":\"" + title + "\"}");
    }

    Answer get(String path, @Nullable String accessToken) {
        return send("GET " + path, request(path, accessToken).GET());
    }

    Answer delete(String path, @Nullable String accessToken) {
        return send("DELETE " + path, request(path, accessToken).DELETE());
    }

    Answer post(String path, @Nullable String accessToken, @Nullable String json) {
        HttpRequest.Builder request = request(path, accessToken);
        if (json != null) {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        }
        else {
            request.POST(HttpRequest.BodyPublishers.noBody());
        }
        return send("POST " + path, request);
    }

    private HttpRequest.Builder request(String path, @Nullable String accessToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path)).timeout(HANG_TIMEOUT);
        if (accessToken != null) {
            request.header("Authorization", "Bearer " + accessToken);
        }
        return request;
    }

    private Answer send(String name, HttpRequest.Builder request) {
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(name, response.statusCode(), response.headers(), response.body(),
                    Duration.ofNanos(System.nanoTime() - started));
        }
        catch (HttpTimeoutException ex) {
            return fail(name + " hung: no answer within " + HANG_TIMEOUT);
        }
        catch (IOException ex) {
            return fail(
                    name + " failed after " + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms: " + ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return fail(name + " interrupted");
        }
    }

    private static String credentials(String email) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + Accounts.PASSWORD + "\"}";
    }

    /**
     * One answer and how long it took.
     *
     * @param request the method and path, for messages
     * @param status the status
     * @param headers the headers
     * @param body the body
     * @param took the time from sending to the whole body
     */
    record Answer(String request, int status, HttpHeaders headers, String body, Duration took) {

        /** A top-level string member of the JSON body ("" when there is none). */
        String json(String member) {
            try {
                JsonNode node = JSON.readTree(this.body).path(member);
                return node.isValueNode() ? node.asString() : "";
            }
            catch (RuntimeException ex) {
                return "";
            }
        }

        /** The JSON body's {@code items} array length. */
        int itemCount() {
            return JSON.readTree(this.body).path("items").size();
        }

        Answer assertStatus(int expected) {
            assertThat(this.status)
                .as("%s answered %d in %d ms: %s", this.request, this.status, this.took.toMillis(), this.body)
                .isEqualTo(expected);
            return this;
        }

        /**
         * The contract's answer for a dependency that is down: 503
         * {@code application/problem+json} with code {@code unavailable} and
         * {@code Retry-After} (whole seconds), within the bound.
         */
        Answer assertUnavailableWithin(Duration bound) {
            assertStatus(503);
            assertThat(this.headers.firstValue("Content-Type")).as("%s Content-Type", this.request)
                .hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
            assertThat(json("code")).as("%s problem code: %s", this.request, this.body).isEqualTo("unavailable");
            assertThat(this.headers.firstValue("Retry-After")).as("%s Retry-After", this.request)
                .hasValueSatisfying((seconds) -> assertThat(seconds).matches("[1-9][0-9]*"));
            assertThat(this.took).as("%s took", this.request).isLessThan(bound);
            return this;
        }

        @Override
        public String toString() {
            return this.request + " -> " + this.status + " in " + this.took.toMillis() + " ms";
        }

    }

}
