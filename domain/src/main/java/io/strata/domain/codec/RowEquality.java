package io.strata.domain.codec;

import io.strata.domain.structure.FieldMap;

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
        if (one instanceof FieldMap oneFields && other instanceof FieldMap otherFields) {
            return isSameInOrder(oneFields, otherFields);
        }
        return isSameInOrder(one.entrySet().iterator(), other.entrySet().iterator());
    }

    /** Compares two field maps of one size by position, without an entry object per field. */
    private static boolean isSameInOrder(FieldMap one, FieldMap other) {
        boolean isSameShape = one.shape() == other.shape();
        for (int i = 0; i < one.size(); i++) {
            if (!isSameShape && !one.name(i).equals(other.name(i))) {
                return false;
            }
            if (!isSameValue(one.value(i), other.value(i))) {
                return false;
            }
        }
        return true;
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

    @SuppressWarnings("unchecked")
    private static Map<String, ?> cast(Map<?, ?> map) {
        // Field maps and nested values have string keys (BlockStructure's contract).
        return (Map<String, ?>) map;
    }

    private static boolean isSameValue(Object one, Object other) {
        if (one == other) {
            return true;
        }
        if (one instanceof Map<?, ?> oneMap && other instanceof Map<?, ?> otherMap) {
            return isSame(cast(oneMap), cast(otherMap));
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
