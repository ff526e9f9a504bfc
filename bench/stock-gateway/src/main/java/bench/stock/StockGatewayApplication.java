package bench.stock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * Stock Spring Cloud Gateway + OAuth2 resource server (JWT from a JWK Set URI), the
 * comparison peer of bench/gateway.sh. The only code beyond configuration is what any
 * deployment in front of the task backend needs: the token's {@code sub} relayed as
 * {@code X-User-Id}.
 */
@SpringBootApplication
public class StockGatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(StockGatewayApplication.class, args);
    }

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
        return http.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated())
            .oauth2ResourceServer((server) -> server.jwt(Customizer.withDefaults()))
            .build();
    }

    @Bean
    GlobalFilter userIdRelay() {
        return (exchange, chain) -> exchange.getPrincipal()
            .filter(JwtAuthenticationToken.class::isInstance)
            .cast(JwtAuthenticationToken.class)
            .map((authentication) -> exchange.mutate()
                .request((request) -> request.headers((headers) -> {
                    headers.remove("X-User-Id");
                    headers.set("X-User-Id", authentication.getToken().getSubject());
                }))
                .build())
            .defaultIfEmpty(exchange)
            .flatMap(chain::filter);
    }

}
