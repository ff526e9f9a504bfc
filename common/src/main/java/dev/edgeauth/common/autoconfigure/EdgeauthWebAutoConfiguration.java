package dev.edgeauth.common.autoconfigure;

import dev.edgeauth.common.json.ContractJsonCustomizer;
import dev.edgeauth.common.problem.ProblemResponseWriter;
import dev.edgeauth.common.problem.ProblemWebExceptionHandler;
import dev.edgeauth.common.web.ClientAddressProperties;
import dev.edgeauth.common.web.ClientAddressResolver;
import dev.edgeauth.common.web.RequestIdFilter;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.codec.ServerCodecConfigurer;

/**
 * What every edgeauth service gets by depending on {@code edgeauth-common}: contract
 * problems for every error, strict JSON input, request ids and the client-address
 * resolver.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableConfigurationProperties(ClientAddressProperties.class)
public class EdgeauthWebAutoConfiguration {

    @Bean
    ContractJsonCustomizer contractJsonCustomizer() {
        return new ContractJsonCustomizer();
    }

    @Bean
    @ConditionalOnMissingBean
    ProblemResponseWriter problemResponseWriter(ServerCodecConfigurer codecs) {
        return new ProblemResponseWriter(codecs);
    }

    @Bean
    ProblemWebExceptionHandler problemWebExceptionHandler(ProblemResponseWriter writer) {
        return new ProblemWebExceptionHandler(writer);
    }

    @Bean
    RequestIdFilter requestIdFilter() {
        return new RequestIdFilter();
    }

    @Bean
    @ConditionalOnMissingBean
    ClientAddressResolver clientAddressResolver(ClientAddressProperties properties) {
        return new ClientAddressResolver(properties);
    }

}
