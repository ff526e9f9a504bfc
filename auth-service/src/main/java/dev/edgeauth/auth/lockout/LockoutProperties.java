package dev.edgeauth.auth.lockout;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Failed-login lockout ({@code edgeauth.login.lockout.*}); the trade-offs are in
 * {@code specs/}.
 *
 * @param threshold wrong passwords for one account from one client address before that
 * pair is locked (default 5)
 * @param baseLock the first lock of an account and address; each further lock in a row
 * doubles it (default 30s)
 * @param maxLock the longest lock of an account and address (default 15m): a lock never
 * outlives it
 * @param accountThreshold wrong passwords for one account from all addresses together
 * before the account is locked for everyone, the cap on guessing spread over many
 * addresses (default 20)
 * @param accountLock how long that account-wide lock lasts; it does not grow (default 5m)
 * @param window failures and locks are forgotten once this long has passed without a
 * failure (default 15m); also the period in which one source (an address or a device
 * token) adds at most {@code threshold} failures to the account-wide count
 * @param deviceTokenTtl how long a device token from a login or signup stays valid
 * ({@code EDGEAUTH_LOGIN_DEVICE_TOKEN_TTL}, default 90d)
 */
@ConfigurationProperties("edgeauth.login.lockout")
@Validated
public record LockoutProperties(@DefaultValue("5") @Min(1) int threshold, @DefaultValue("30s") Duration baseLock,
        @DefaultValue("15m") Duration maxLock, @DefaultValue("20") @Min(1) int accountThreshold,
        @DefaultValue("5m") Duration accountLock, @DefaultValue("15m") Duration window,
        @DefaultValue("90d") Duration deviceTokenTtl) {

}
