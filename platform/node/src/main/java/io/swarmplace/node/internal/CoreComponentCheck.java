package io.swarmplace.node.internal;

import io.swarmplace.node.ComponentProblem;
import io.swarmplace.node.NodeStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/**
 * Decides whether the core is up. Core bundles are those below the plugins' start level: a broken
 * third-party plugin never keeps the node from becoming ready.
 */
final class CoreComponentCheck {

    private final BundleContext context;
    private final ServiceComponentRuntime runtime;
    private final int pluginStartLevel;
    private final int beginningStartLevel;

    CoreComponentCheck(BundleContext context, ServiceComponentRuntime runtime) {
        this.context = context;
        this.runtime = runtime;
        this.pluginStartLevel = intProperty(context, "swarmplace.plugins.startlevel", 80);
        this.beginningStartLevel = intProperty(context, "org.osgi.framework.startlevel.beginning", 1);
    }

    /** What keeps the node from being ready; empty means ready. */
    List<ComponentProblem> problems() {
        List<ComponentProblem> problems = new ArrayList<>();
        int frameworkLevel = context.getBundle(0).adapt(FrameworkStartLevel.class).getStartLevel();
        if (frameworkLevel < beginningStartLevel) {
            problems.add(new ComponentProblem(
                    "framework", "start level", "at " + frameworkLevel + " of " + beginningStartLevel));
            return problems;
        }
        for (Bundle bundle : coreBundles()) {
            if (bundle.getState() != Bundle.ACTIVE && !isFragment(bundle)) {
                problems.add(new ComponentProblem(bundle.getSymbolicName(), "bundle", "not active: " + stateName(bundle)));
                continue;
            }
            for (ComponentDescriptionDTO description : runtime.getComponentDescriptionDTOs(bundle)) {
                problems.addAll(problemsOf(bundle, description));
            }
        }
        return problems;
    }

    private List<Bundle> coreBundles() {
        return Arrays.stream(context.getBundles())
                .filter(b -> b.getBundleId() != 0)
                .filter(b -> b.adapt(BundleStartLevel.class).getStartLevel() < pluginStartLevel)
                .toList();
    }

    private List<ComponentProblem> problemsOf(Bundle bundle, ComponentDescriptionDTO description) {
        List<ComponentProblem> problems = new ArrayList<>();
        if (!runtime.isComponentEnabled(description)) {
            if (description.defaultEnabled) {
                problems.add(new ComponentProblem(bundle.getSymbolicName(), description.name, "disabled"));
            }
            return problems;
        }
        for (ComponentConfigurationDTO configuration : runtime.getComponentConfigurationDTOs(description)) {
            if (configuration.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE && notNeededForReady(description)) {
                continue;
            }
            String reason = reasonNotUp(configuration);
            if (reason != null) {
                problems.add(new ComponentProblem(bundle.getSymbolicName(), description.name, reason));
            }
        }
        return problems;
    }

    private static boolean notNeededForReady(ComponentDescriptionDTO description) {
        Object flag = description.properties.get(NodeStatus.NOT_NEEDED_FOR_READY_PROPERTY);
        return Boolean.TRUE.equals(flag) || "true".equals(flag);
    }

    private static String reasonNotUp(ComponentConfigurationDTO configuration) {
        return switch (configuration.state) {
            case ComponentConfigurationDTO.ACTIVE, ComponentConfigurationDTO.SATISFIED -> null;
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> "waiting for "
                    + Arrays.stream(configuration.unsatisfiedReferences)
                            .map(CoreComponentCheck::describe)
                            .collect(Collectors.joining(", "));
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION -> "waiting for its configuration";
            case ComponentConfigurationDTO.FAILED_ACTIVATION -> "failed to activate: " + configuration.failure;
            default -> "in state " + configuration.state;
        };
    }

    private static String describe(UnsatisfiedReferenceDTO reference) {
        return reference.name + (reference.target == null ? "" : " " + reference.target);
    }

    private static boolean isFragment(Bundle bundle) {
        return bundle.getHeaders("").get("Fragment-Host") != null;
    }

    private static String stateName(Bundle bundle) {
        return switch (bundle.getState()) {
            case Bundle.INSTALLED -> "installed (unresolved)";
            case Bundle.RESOLVED -> "resolved";
            case Bundle.STARTING -> "starting";
            case Bundle.STOPPING -> "stopping";
            default -> "state " + bundle.getState();
        };
    }

    static int intProperty(BundleContext context, String key, int fallback) {
        String value = context.getProperty(key);
        try {
            return value == null ? fallback : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
