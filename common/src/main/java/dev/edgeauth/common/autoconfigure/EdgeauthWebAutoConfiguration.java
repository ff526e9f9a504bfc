package dev.edgeauth.common.autoconfigure;

import dev.edgeauth.common.connection.ConnectionHandlers;
import dev.edgeauth.common.connection.ConnectionProperties;
import dev.edgeauth.common.problem.DroppedErrors;
import dev.edgeauth.common.problem.ProblemResponseWriter;
import dev.edgeauth.common.problem.ProblemWebExceptionHandler;
import dev.edgeauth.common.problem.UnavailableCause;
import dev.edgeauth.common.shutdown.ShutdownDrain;
import dev.edgeauth.common.shutdown.ShutdownProperties;
import dev.edgeauth.common.web.ClientAddressProperties;
import dev.edgeauth.common.web.ClientAddressResolver;
import dev.edgeauth.common.web.RequestIdFilter;
import reactor.netty.http.server.HttpServer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.codec.ServerCodecConfigurer;

/**
 * What every edgeauth service gets by depending on {@code edgeauth-common}: contract
 * problems for every error (those of the HTTP codec too), request ids, the client-address
 * resolver, a lingering close and a drain before a graceful shutdown.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableConfigurationProperties({ ClientAddressProperties.class, ConnectionProperties.class, ShutdownProperties.class })
public class EdgeauthWebAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ProblemResponseWriter problemResponseWriter(ServerCodecConfigurer codecs) {
        return new ProblemResponseWriter(codecs);
    }

    @Bean
    ProblemWebExceptionHandler problemWebExceptionHandler(ProblemResponseWriter writer,
            ObjectProvider<UnavailableCause> unavailableCauses) {
        return new ProblemWebExceptionHandler(writer, unavailableCauses.orderedStream().toList());
    }

    @Bean
    DroppedErrors droppedErrors() {
        return new DroppedErrors();
    }

    @Bean
    @ConditionalOnClass(HttpServer.class)
    ConnectionHandlers connectionHandlers(ConnectionProperties properties, ProblemResponseWriter problems) {
        return new ConnectionHandlers(properties, problems);
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

    @Bean
    ShutdownDrain shutdownDrain(ShutdownProperties properties) {
        return new ShutdownDrain(properties);
    }

}
