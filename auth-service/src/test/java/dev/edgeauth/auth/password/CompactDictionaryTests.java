package dev.edgeauth.auth.password;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.nulabinc.zxcvbn.StandardDictionaries;
import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;
import com.nulabinc.zxcvbn.matchers.Dictionary;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The compact dictionaries hold exactly the words and ranks of zxcvbn's own, so the
 * password policy estimates exactly as zxcvbn does.
 */
class CompactDictionaryTests {

    @Test
    void standardDictionariesThenSameWordsAndRanksAsTheLibrary() throws IOException {
        List<Dictionary> library = StandardDictionaries.loadAllDictionaries();
        List<Dictionary> compact = CompactDictionary.standard();

        assertThat(compact).extracting(Dictionary::getName)
            .containsExactlyInAnyOrderElementsOf(library.stream().map(Dictionary::getName).toList());
        for (Dictionary own : library) {
            Dictionary small = compact.stream().filter((d) -> d.getName().equals(own.getName())).findFirst().get();
            Map<String, Integer> ranks = small.getRankedDictionary();
            // Both directions: every word of the library's map through the compact get,
            // and every entry the compact map iterates through the library's.
            assertThat(own.getRankedDictionary().equals(ranks)).as(own.getName()).isTrue();
            assertThat(ranks.equals(own.getRankedDictionary())).as(own.getName()).isTrue();
            assertThat(small.getFrequencies()).as(own.getName()).isEqualTo(own.getFrequencies());
        }
    }

    @Test
    void wordNotListedThenNoRank() {
        Map<String, Integer> ranks = new CompactDictionary("test", List.of("alpha", "beta")).getRankedDictionary();

        assertThat(ranks.get("alpha")).isEqualTo(1);
        assertThat(ranks.get("beta")).isEqualTo(2);
        assertThat(ranks.get("gamma")).isNull();
        assertThat(ranks.get("alph")).isNull();
        assertThat(ranks.get("alphas")).isNull();
        assertThat(ranks.get("ALPHA")).isNull();
        assertThat(ranks.get("älpha")).isNull();
        assertThat(ranks.get(1)).isNull();
        assertThat(ranks.containsKey("beta")).isTrue();
        assertThat(ranks.containsKey("gamma")).isFalse();
    }

    @Test
    void wordListedTwiceThenItsLaterRankAsInTheLibrary() {
        List<String> words = List.of("alpha", "beta", "alpha");

        Map<String, Integer> ranks = new CompactDictionary("test", words).getRankedDictionary();

        assertThat(ranks).isEqualTo(new Dictionary("test", words).getRankedDictionary()).hasSize(2);
    }

    @Test
    void wordNotAsciiThenRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new CompactDictionary("test", List.of("café")));
    }

    @Test
    void passwordsThenSameEstimateAsZxcvbnWithItsOwnDictionaries() throws IOException {
        Zxcvbn library = new Zxcvbn();
        Zxcvbn compact = PasswordPolicy.zxcvbn();
        List<String> hints = List.of("alice@example.com", "alice", "example.com");

        for (String password : samplePasswords()) {
            Strength expected = library.measure(password, hints);
            Strength actual = compact.measure(password, hints);
            assertThat(actual.getGuesses()).as(password).isEqualTo(expected.getGuesses());
            assertThat(actual.getScore()).as(password).isEqualTo(expected.getScore());
            assertThat(actual.getSequence()).as(password).hasSameSizeAs(expected.getSequence());
        }
    }

    // Words from every standard list, as typed and as people vary them (capitals, digits,
    // l33t, reversed, joined), beside keyboard walks, dates, hints and random strings.
    private static List<String> samplePasswords() throws IOException {
        List<String> passwords = new ArrayList<>(List.of("password", "correct horse battery staple", "qwertyuiop",
                "zxcvbnm,./", "1q2w3e4r5t", "19841231", "alice2024", "Alice@example", "Tr0ub4dor&3", "kX9#mQ2$vL7!",
                "aaaaaaaaaa", "abcdefghij", "thisisnotaword", "p@$$w0rd123"));
        for (Dictionary dictionary : StandardDictionaries.loadAllDictionaries()) {
            List<String> words = dictionary.getFrequencies();
            for (int i = 0; i < words.size(); i += words.size() / 20) {
                String word = words.get(i);
                String next = words.get((i + 7) % words.size());
                passwords.add(word);
                passwords.add(Character.toUpperCase(word.charAt(0)) + word.substring(1) + "1!");
                passwords.add(word.replace('a', '@').replace('o', '0').replace('e', '3'));
                passwords.add(new StringBuilder(word).reverse() + "2019");
                passwords.add(word + next);
            }
        }
        return passwords;
    }

}
