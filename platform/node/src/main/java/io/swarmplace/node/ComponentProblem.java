package io.swarmplace.node;

/**
 * A core component that is not up.
 *
 * @param bundle symbolic name of the bundle that declares it
 * @param component the component name
 * @param reason what it is waiting for or why it failed
 */
public record ComponentProblem(String bundle, String component, String reason) {

    @Override
    public String toString() {
        return bundle + "/" + component + ": " + reason;
    }
}
