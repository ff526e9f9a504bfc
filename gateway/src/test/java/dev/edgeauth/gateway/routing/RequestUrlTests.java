package dev.edgeauth.gateway.routing;

import java.net.URI;

import dev.edgeauth.gateway.testing.GatewayTestSupport;
import dev.edgeauth.gateway.testing.RawHttp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The backend receives the path and query exactly as the client sent them, on the route's
 * host and port.
 */
class RequestUrlTests extends GatewayTestSupport {

    @Test
    void requestWhenPathAndQueryEncodedThenBackendGetsThemUnchanged() {
        String target = "/public/a%20b/c%2Fd/%C3%A9?x=1&y=%26z&empty=&plus=a+b";

        assertThat(RawHttp.get(this.port, target)).isEqualTo(200);

        assertThat(BACKEND.requests()).singleElement()
            .satisfies((request) -> assertThat(request.uri()).isEqualTo(target));
    }

    @Test
    void requestUrlWhenJoinedThenRouteAuthorityAndRequestPathAndQuery() {
        assertThat(RequestUrlFilter.requestUrl(URI.create("http://backend:8081"),
                URI.create("http://gw/api/tasks?limit=5")))
            .isEqualTo(URI.create("http://backend:8081/api/tasks?limit=5"));
        assertThat(RequestUrlFilter.requestUrl(URI.create("https://backend"), URI.create("http://gw/a%2Fb")))
            .hasToString("https://backend/a%2Fb");
        assertThat(RequestUrlFilter.requestUrl(URI.create("http://[::1]:9000"), URI.create("http://gw:8080")))
            .hasToString("http://[::1]:9000/");
    }

}
