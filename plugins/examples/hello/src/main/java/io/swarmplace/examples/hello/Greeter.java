package io.swarmplace.examples.hello;

/** Greets people by name; the service this sample plugin offers to other bundles. */
public interface Greeter {

    /** Returns a greeting for {@code name}, e.g. "Hello, Alice!". */
    String greet(String name);
}
