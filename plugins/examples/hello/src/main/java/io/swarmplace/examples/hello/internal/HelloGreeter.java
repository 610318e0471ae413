package io.swarmplace.examples.hello.internal;

import io.swarmplace.examples.hello.Greeter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The Greeter, configured through Configuration Admin under the PID {@value #PID}. */
@Component(service = Greeter.class, configurationPid = HelloGreeter.PID)
@Designate(ocd = HelloGreeter.Config.class)
public class HelloGreeter implements Greeter {

    static final String PID = "io.swarmplace.examples.hello";

    @ObjectClassDefinition(name = "Hello example plugin")
    public @interface Config {
        @AttributeDefinition(description = "Word that starts every greeting")
        String salutation() default "Hello";
    }

    private volatile String salutation;

    @Activate
    @Modified
    void configure(Config config) {
        String configured = config.salutation().strip();
        this.salutation = configured.isEmpty() ? "Hello" : configured;
    }

    @Override
    public String greet(String name) {
        String who = name == null || name.isBlank() ? "world" : name.strip();
        return salutation + ", " + who + "!";
    }
}
