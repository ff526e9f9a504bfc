package dev.edgeauth.auth.session;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Session lifetimes ({@code edgeauth.session.*}).
 *
 * @param idleTtl a session unused for this long ends (default 7 days)
 * @param absoluteTtl a session ends this long after it began, however much it is used
 * (default 30 days)
 */
@ConfigurationProperties("edgeauth.session")
public record SessionProperties(@DefaultValue("7d") Duration idleTtl, @DefaultValue("30d") Duration absoluteTtl) {

}
