package dev.edgeauth.gateway.pipeline;

import java.util.List;

import dev.edgeauth.gateway.testing.GatewayTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The running gateway's filters run in the order {@link GatewayStages} lists: what the
 * class and {@code specs/gateway.md} say is what the context does.
 */
class GatewayStagesTests extends GatewayTestSupport {

    @Autowired
    private List<GlobalFilter> filters;

    @Test
    void filtersWhenSortedAsTheGatewayRunsThemThenTheStagesComeInTheirListedOrder() {
        List<String> stages = this.filters.stream()
            .sorted(AnnotationAwareOrderComparator.INSTANCE)
            .map(GatewayStagesTests::stage)
            .filter((stage) -> !stage.isEmpty())
            .toList();

        assertThat(stages).containsExactly("errors", "per-IP limits", "size", "authentication", "per-user limits",
                "backend URL", "proxy");
    }

    // The stage a filter is, by its class and order; empty for Spring Cloud Gateway's
    // own filters that are not a stage of ours.
    private static String stage(GlobalFilter filter) {
        String name = filter.getClass().getSimpleName();
        int order = (filter instanceof Ordered ordered) ? ordered.getOrder() : Ordered.LOWEST_PRECEDENCE;
        return switch (name) {
            case "BackendFailureFilter" -> (order == GatewayStages.ERRORS) ? "errors" : "errors at " + order;
            case "RateLimitFilter" -> (order == GatewayStages.CLIENT_RATE_LIMIT) ? "per-IP limits"
                    : (order == GatewayStages.USER_RATE_LIMIT) ? "per-user limits" : "limits at " + order;
            case "RequestSizeLimitFilter" -> (order == GatewayStages.REQUEST_SIZE) ? "size" : "size at " + order;
            case "AuthenticationFilter" ->
                (order == GatewayStages.AUTHENTICATION) ? "authentication" : "authentication at " + order;
            case "RequestUrlFilter" -> (order == GatewayStages.REQUEST_URL) ? "backend URL" : "backend URL at " + order;
            default -> (!(filter instanceof NettyRoutingFilter)) ? ""
                    : (order == GatewayStages.PROXY) ? "proxy" : "proxy at " + order;
        };
    }

}
