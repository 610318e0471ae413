package io.swarmplace.examples.hello.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Annotation;
import org.junit.jupiter.api.Test;

class HelloGreeterTest {

    @Test
    void greetsByNameWithTheConfiguredSalutation() {
        HelloGreeter greeter = new HelloGreeter();
        greeter.configure(config("Ahoy"));
        assertThat(greeter.greet("  Alice ")).isEqualTo("Ahoy, Alice!");
    }

    @Test
    void greetsTheWorldWhenNoNameIsGiven() {
        HelloGreeter greeter = new HelloGreeter();
        greeter.configure(config("Hello"));
        assertThat(greeter.greet(" ")).isEqualTo("Hello, world!");
    }

    @Test
    void blankSalutationFallsBackToHello() {
        HelloGreeter greeter = new HelloGreeter();
        greeter.configure(config("   "));
        assertThat(greeter.greet("Bob")).isEqualTo("Hello, Bob!");
    }

    private static HelloGreeter.Config config(String salutation) {
        return new HelloGreeter.Config() {
            @Override
            public String salutation() {
                return salutation;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return HelloGreeter.Config.class;
            }
        };
    }
}
