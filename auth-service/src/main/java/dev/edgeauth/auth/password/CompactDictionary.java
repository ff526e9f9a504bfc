package dev.edgeauth.auth.password;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

import com.nulabinc.zxcvbn.StandardDictionaries;
import com.nulabinc.zxcvbn.matchers.Dictionary;
import com.nulabinc.zxcvbn.matchers.DictionaryLoader;

/**
 * A zxcvbn dictionary that holds its words in a few arrays instead of a
 * {@code HashMap<String, Integer>}: the same words and ranks in about a quarter of the
 * heap.
 *
 * <p>
 * zxcvbn's standard dictionaries (94,000 common passwords, words, names and surnames)
 * cost 8.9 MB of heap as the library builds them, a String, a map node and often an
 * Integer a word, and they live as long as the service. Here a dictionary's words are one
 * byte array with their offsets, and an open-addressing table of word indexes: about 2 MB
 * for all of them. The standard lists are lowercase ASCII; a list with any other
 * character is refused. zxcvbn reads a dictionary only through
 * {@link #getRankedDictionary()} and that map's {@code get}, so it estimates exactly as
 * with its own dictionaries.
 */
final class CompactDictionary extends Dictionary {

    // In the library's own order (StandardDictionaries.loadAllDictionaries).
    private static final List<DictionaryLoader> STANDARD = List.of(StandardDictionaries.US_TV_AND_FILM_LOADER,
            StandardDictionaries.ENGLISH_WIKIPEDIA_LOADER, StandardDictionaries.PASSWORDS_LOADER,
            StandardDictionaries.SURNAMES_LOADER, StandardDictionaries.MALE_NAMES_LOADER,
            StandardDictionaries.FEMALE_NAMES_LOADER);

    private final RankedWords words;

    CompactDictionary(String name, List<String> wordsByRank) {
        super(name, List.of());
        this.words = new RankedWords(wordsByRank);
    }

    /**
     * zxcvbn's standard dictionaries, each loaded and made compact in turn.
     * @throws IOException when the library's word lists cannot be read
     */
    static List<Dictionary> standard() throws IOException {
        List<Dictionary> dictionaries = new ArrayList<>();
        for (DictionaryLoader loader : STANDARD) {
            Dictionary loaded = loader.load();
            dictionaries.add(new CompactDictionary(loaded.getName(), loaded.getFrequencies()));
        }
        return dictionaries;
    }

    /** Word to rank (1 for the most common), read-only. */
    @Override
    public Map<String, Integer> getRankedDictionary() {
        return this.words;
    }

    /** The words, most common first, read-only. */
    @Override
    public List<String> getFrequencies() {
        return this.words.byRank;
    }

    /**
     * Words by rank in one byte array, and a hash table of their indexes (linear probing
     * on {@link String#hashCode()} with its high bits mixed in, at most half full). Keys
     * compare by content with the String asked for.
     */
    private static final class RankedWords extends AbstractMap<String, Integer> {

        private final byte[] text;

        // starts[i] is where word i begins in text; starts[count] is the end of the last.
        private final int[] starts;

        // word index + 1 in each slot, 0 for an empty slot
        private final int[] table;

        private final int count;

        private final int distinct;

        private final List<String> byRank = new AbstractList<>() {

            @Override
            public String get(int index) {
                return word(index);
            }

            @Override
            public int size() {
                return RankedWords.this.count;
            }

        };

        private final Set<Entry<String, Integer>> entries = new AbstractSet<>() {

            @Override
            public Iterator<Entry<String, Integer>> iterator() {
                return new Iterator<>() {

                    private int slot = nextEntry(0);

                    @Override
                    public boolean hasNext() {
                        return this.slot < RankedWords.this.table.length;
                    }

                    @Override
                    public Entry<String, Integer> next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        int index = RankedWords.this.table[this.slot] - 1;
                        this.slot = nextEntry(this.slot + 1);
                        return Map.entry(word(index), index + 1);
                    }

                };
            }

            @Override
            public int size() {
                return RankedWords.this.distinct;
            }

        };

        RankedWords(List<String> wordsByRank) {
            this.count = wordsByRank.size();
            this.starts = new int[this.count + 1];
            int length = 0;
            for (int i = 0; i < this.count; i++) {
                String word = wordsByRank.get(i);
                if (!word.chars().allMatch((c) -> c < 128)) {
                    throw new IllegalArgumentException("A compact dictionary holds ASCII words only");
                }
                this.starts[i] = length;
                length += word.length();
            }
            this.starts[this.count] = length;
            this.text = new byte[length];
            this.table = new int[Integer.highestOneBit(Math.max(1, this.count) * 2) * 2];
            int distinct = 0;
            for (int i = 0; i < this.count; i++) {
                String word = wordsByRank.get(i);
                System.arraycopy(word.getBytes(StandardCharsets.US_ASCII), 0, this.text, this.starts[i], word.length());
                int slot = slotOf(word);
                distinct += (this.table[slot] == 0) ? 1 : 0;
                // A word listed twice takes its later rank, as with the library's
                // HashMap.
                this.table[slot] = i + 1;
            }
            this.distinct = distinct;
        }

        @Override
        public Integer get(Object key) {
            if (!(key instanceof String word)) {
                return null;
            }
            int entry = this.table[slotOf(word)];
            return (entry == 0) ? null : entry;
        }

        @Override
        public boolean containsKey(Object key) {
            return (key instanceof String word) && this.table[slotOf(word)] != 0;
        }

        @Override
        public int size() {
            return this.distinct;
        }

        @Override
        public Set<Entry<String, Integer>> entrySet() {
            return this.entries;
        }

        // The slot that holds the word, or the empty slot where it would go.
        private int slotOf(String word) {
            int mask = this.table.length - 1;
            int hash = word.hashCode();
            int slot = (hash ^ (hash >>> 16)) & mask;
            while (this.table[slot] != 0 && !matches(this.table[slot] - 1, word)) {
                slot = (slot + 1) & mask;
            }
            return slot;
        }

        private int nextEntry(int from) {
            int slot = from;
            while (slot < this.table.length && this.table[slot] == 0) {
                slot++;
            }
            return slot;
        }

        private boolean matches(int index, String word) {
            int start = this.starts[index];
            if (this.starts[index + 1] - start != word.length()) {
                return false;
            }
            for (int i = 0; i < word.length(); i++) {
                if (this.text[start + i] != word.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        private String word(int index) {
            return new String(this.text, this.starts[index], this.starts[index + 1] - this.starts[index],
                    StandardCharsets.US_ASCII);
        }

    }

}
