package io.strata.ports;

/**
 * Signals that the named item (a course, a learner, a block) does not exist where it was looked
 * for. Retrying the same call gives the same answer.
 */
public class ItemNotFoundException extends StrataException {
    public ItemNotFoundException(String message) {
        super(message);
    }
}
