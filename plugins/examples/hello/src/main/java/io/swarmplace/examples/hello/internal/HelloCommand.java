package io.swarmplace.examples.hello.internal;

import io.swarmplace.examples.hello.Greeter;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The shell command {@code hello:greet [name]}. */
@Component(
        service = HelloCommand.class,
        property = {"osgi.command.scope=hello", "osgi.command.function=greet"})
public class HelloCommand {

    @Reference
    private Greeter greeter;

    @Descriptor("greets the world")
    public String greet() {
        return greeter.greet(null);
    }

    @Descriptor("greets someone by name")
    public String greet(@Descriptor("who to greet") String name) {
        return greeter.greet(name);
    }
}
