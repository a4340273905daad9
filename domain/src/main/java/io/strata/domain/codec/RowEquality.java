package io.strata.domain.codec;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Decides whether two rows may share one encoding: the same names in the same order with values
 * equal in type, value and, for nested maps, order. {@link Map#equals} is not enough: it ignores
 * order, and order is part of what a structure returns.
 */
final class RowEquality {
    private RowEquality() {
    }

    static boolean isSame(Map<String, ?> one, Map<String, ?> other) {
        if (one == other) {
            return true;
        }
        if (one.size() != other.size()) {
            return false;
        }
        return isSameInOrder(one.entrySet().iterator(), other.entrySet().iterator());
    }

    private static boolean isSameInOrder(Iterator<? extends Map.Entry<?, ?>> ones,
            Iterator<? extends Map.Entry<?, ?>> others) {
        while (ones.hasNext()) {
            var one = ones.next();
            var other = others.next();
            if (!one.getKey().equals(other.getKey()) || !isSameValue(one.getValue(), other.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSameValue(Object one, Object other) {
        if (one == other) {
            return true;
        }
        if (one instanceof Map<?, ?> oneMap && other instanceof Map<?, ?> otherMap) {
            return oneMap.size() == otherMap.size()
                    && isSameInOrder(oneMap.entrySet().iterator(), otherMap.entrySet().iterator());
        }
        if (one instanceof List<?> oneList && other instanceof List<?> otherList) {
            if (oneList.size() != otherList.size()) {
                return false;
            }
            for (int i = 0; i < oneList.size(); i++) {
                if (!isSameValue(oneList.get(i), otherList.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return one.getClass() == other.getClass() && one.equals(other);
    }
}
