package io.swarmplace.bridge;

import io.swarmplace.ledger.Id128;
import java.math.BigInteger;
import java.util.List;

/**
 * The path from one account's leaf to a published root.
 *
 * @param steps from the leaf up: each sibling hash and on which side it sits
 */
public record ReserveProof(Id128 account, BigInteger balance, String root, List<Step> steps) {

    public ReserveProof {
        steps = List.copyOf(steps);
    }

    /**
     * One level of the path.
     *
     * @param siblingOnLeft true if the sibling is the left input of the parent hash
     */
    public record Step(String sibling, boolean siblingOnLeft) {
    }

    /** The path as one line: {@code L:<hex>,R:<hex>,...} (empty for a one-leaf tree). */
    public String path() {
        StringBuilder text = new StringBuilder();
        for (Step step : steps) {
            if (text.length() > 0) {
                text.append(',');
            }
            text.append(step.siblingOnLeft() ? "L:" : "R:").append(step.sibling());
        }
        return text.toString();
    }

    /** Parses {@link #path()}. */
    public static List<Step> parsePath(String path) {
        if (path.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(path.strip().split(",")).map(ReserveProof::parseStep).toList();
    }

    private static Step parseStep(String text) {
        String step = text.strip();
        if (step.length() != 66 || step.charAt(1) != ':' || (step.charAt(0) != 'L' && step.charAt(0) != 'R')
                || !step.substring(2).chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("a proof step is L:<64 hex digits> or R:<64 hex digits>, not '" + text + "'");
        }
        return new Step(step.substring(2).toLowerCase(java.util.Locale.ROOT), step.charAt(0) == 'L');
    }
}
