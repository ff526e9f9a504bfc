package dev.edgeauth.common.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * CIDR ranges and IP literals, read without any name lookup.
 */
class IpRangeTests {

    @Test
    void containsWhenInsideTheRangeThenTrueAndOutsideFalse() {
        IpRange range = IpRange.parse("10.1.0.0/16");

        assertThat(range.contains(IpRange.parseLiteral("10.1.255.7"))).isTrue();
        assertThat(range.contains(IpRange.parseLiteral("10.2.0.1"))).isFalse();
        assertThat(IpRange.parse("192.168.0.0/23").contains(IpRange.parseLiteral("192.168.1.200"))).isTrue();
        assertThat(IpRange.parse("192.168.0.0/23").contains(IpRange.parseLiteral("192.168.2.1"))).isFalse();
    }

    @Test
    void containsWhenOtherFamilyThenFalse() {
        assertThat(IpRange.parse("::1/128").contains(IpRange.parseLiteral("127.0.0.1"))).isFalse();
        assertThat(IpRange.parse("127.0.0.0/8").contains(IpRange.parseLiteral("::1"))).isFalse();
    }

    @Test
    void parseLiteralWhenIpv4MappedOrBracketedThenTheAddress() {
        assertThat(IpRange.parse("127.0.0.0/8").contains(IpRange.parseLiteral("::ffff:127.0.0.1"))).isTrue();
        assertThat(IpRange.parse("2001:db8::/32").contains(IpRange.parseLiteral("[2001:db8::5]"))).isTrue();
    }

    @Test
    void parseLiteralWhenNotAnIpLiteralThenNullWithoutLookup() {
        assertThat(IpRange.parseLiteral("localhost")).isNull();
        assertThat(IpRange.parseLiteral("example.com")).isNull();
        assertThat(IpRange.parseLiteral("1.2.3")).isNull();
        assertThat(IpRange.parseLiteral("256.1.1.1")).isNull();
        assertThat(IpRange.parseLiteral("")).isNull();
    }

    @Test
    void parseWhenMalformedThenRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> IpRange.parse("10.0.0.0/33"));
        assertThatIllegalArgumentException().isThrownBy(() -> IpRange.parse("10.0.0.0/x"));
        assertThatIllegalArgumentException().isThrownBy(() -> IpRange.parse("gateway/8"));
        assertThat(IpRange.parse("10.0.0.0/0").contains(IpRange.parseLiteral("8.8.8.8"))).isTrue();
    }

}
