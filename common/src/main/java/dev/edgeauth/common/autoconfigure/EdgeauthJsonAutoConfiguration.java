package dev.edgeauth.common.autoconfigure;

import dev.edgeauth.common.json.ContractJsonCustomizer;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Scope;

/**
 * The JSON mapper every service's codecs and handlers use: contract JSON
 * ({@link ContractJsonCustomizer}) on a factory whose buffers are recycled per thread.
 *
 * <p>
 * Jackson 3's default recycler pool is refilled only when a user hands its recycler back,
 * and Spring's JSON encoder never does (spring-framework#37058): every encoded response
 * then allocated a new recycler and about 18 KB of buffers, a sixth of what a refresh
 * allocates. The thread-local pool, Jackson 2's default, keeps one recycler per thread;
 * the event loops are few and fixed, so that is a few kilobytes each.
 */
@AutoConfiguration(before = JacksonAutoConfiguration.class)
public class EdgeauthJsonAutoConfiguration {

    @Bean
    ContractJsonCustomizer contractJsonCustomizer() {
        return new ContractJsonCustomizer();
    }

    /**
     * Replaces Spring Boot's builder, with the same customizers, on a recycling factory.
     * @param customizers every {@link JsonMapperBuilderCustomizer}, in order
     * @return a new builder (prototype, as Spring Boot's)
     */
    @Bean
    @Scope("prototype")
    @ConditionalOnMissingBean
    JsonMapper.Builder jsonMapperBuilder(ObjectProvider<JsonMapperBuilderCustomizer> customizers) {
        JsonMapper.Builder builder = JsonMapper.builder(recyclingFactory());
        customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
        return builder;
    }

    /** A JSON factory whose buffers stay with the thread that used them. */
    private static JsonFactory recyclingFactory() {
        return JsonFactory.builder().recyclerPool(JsonRecyclerPools.threadLocalPool()).build();
    }

}
