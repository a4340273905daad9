package io.strata.domain.transform;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class BlockNumbersTest {
    @Test
    void get_blockNeverSet_returnsNone() {
        var numbers = new BlockNumbers(100);

        assertThat(numbers.get(7)).isEqualTo(BlockNumbers.NONE);
    }

    @Test
    void set_sameBlockTwice_keepsLastNumber() {
        var numbers = new BlockNumbers(100);

        numbers.set(7, 3);
        numbers.set(7, 1);

        assertThat(numbers.get(7)).isEqualTo(1);
        assertThat(numbers.get(8)).isEqualTo(BlockNumbers.NONE);
    }

    @Test
    void set_fewerThanDenseShare_stillReadsEveryNumber() {
        assertMatchesMap(100_000, 2_000, 1);
    }

    @Test
    void set_moreThanDenseShare_stillReadsEveryNumber() {
        assertMatchesMap(1_000, 900, 2);
    }

    private static void assertMatchesMap(int size, int count, long seed) {
        var random = new Random(seed);
        var numbers = new BlockNumbers(size);
        var values = new BlockValues(size);
        var expected = new HashMap<Integer, Integer>();

        for (int i = 0; i < count; i++) {
            int block = random.nextInt(size);
            int number = random.nextInt(50);
            numbers.set(block, number);
            values.put(block, number);
            expected.put(block, number);
        }

        for (int block = 0; block < size; block++) {
            assertThat(numbers.get(block)).as("block[%d]", block).isEqualTo(expected.getOrDefault(block, -1));
            assertThat(values.get(block)).as("block[%d]", block).isEqualTo(expected.get(block));
        }
    }
}
