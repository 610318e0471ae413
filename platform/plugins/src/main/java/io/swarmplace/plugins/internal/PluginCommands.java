package io.swarmplace.plugins.internal;

import io.swarmplace.plugins.InstallRequest;
import io.swarmplace.plugins.PluginException;
import io.swarmplace.plugins.PluginInfo;
import io.swarmplace.plugins.PluginManager;
import io.swarmplace.plugins.TrustStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Shell commands in scope {@code swarmplace} for plugins and trusted signers. Failures surface as
 * {@link PluginException}, whose message the shell shows as is.
 */
@Component(
        service = PluginCommands.class,
        property = {
            "osgi.command.scope=swarmplace",
            "osgi.command.function=install",
            "osgi.command.function=update",
            "osgi.command.function=remove",
            "osgi.command.function=enable",
            "osgi.command.function=disable",
            "osgi.command.function=plugins",
            "osgi.command.function=trust",
            "osgi.command.function=distrust",
            "osgi.command.function=trusted"
        })
public class PluginCommands {

    private static final String TRUST_HELP = "install even if not signed by a trusted key (you vouch for it)";
    private static final String INDEX_HELP = "URL or path of an OSGi repository index (index.xml or index.xml.gz)";
    private static final String VERSION_HELP = "with --index: OSGi version range to pick from, e.g. [1.0,2.0)";
    private static final String ABSENT = "";

    private final PluginManager plugins;
    private final TrustStore trustStore;

    @Activate
    public PluginCommands(@Reference PluginManager plugins, @Reference TrustStore trustStore) {
        this.plugins = plugins;
        this.trustStore = trustStore;
    }

    @Descriptor("installs and starts a plugin from a jar path or URL, or by name from a repository index")
    public String install(
            CommandSession session,
            @Descriptor(TRUST_HELP) @Parameter(names = {"-t", "--trust"}, presentValue = "true", absentValue = "false") boolean trust,
            @Descriptor(INDEX_HELP) @Parameter(names = {"-i", "--index"}, absentValue = ABSENT) String index,
            @Descriptor(VERSION_HELP) @Parameter(names = {"-v", "--version"}, absentValue = ABSENT) String version,
            @Descriptor("jar path or URL; with --index, the plugin's symbolic name") String source)
            throws PluginException {
        PluginInfo installed = plugins.install(request(session, trust, index, version, source));
        return "Installed " + summary(installed) + "\n" + PluginTable.format(List.of(installed));
    }

    @Descriptor("replaces a plugin with a newer jar; the old version keeps running if the new one fails")
    public String update(
            CommandSession session,
            @Descriptor(TRUST_HELP) @Parameter(names = {"-t", "--trust"}, presentValue = "true", absentValue = "false") boolean trust,
            @Descriptor(INDEX_HELP) @Parameter(names = {"-i", "--index"}, absentValue = ABSENT) String index,
            @Descriptor(VERSION_HELP) @Parameter(names = {"-v", "--version"}, absentValue = ABSENT) String version,
            @Descriptor("name of the installed plugin") String name,
            @Descriptor("jar path or URL of the new version") String jar)
            throws PluginException {
        if (!index.isEmpty()) {
            throw new PluginException("give either a jar or --index, not both: 'update <name> <jar-or-url>' or 'update --index <url> <name>'.");
        }
        return updated(plugins.update(name, request(session, trust, ABSENT, version, jar)));
    }

    @Descriptor("replaces a plugin with the newest version in a repository index")
    public String update(
            CommandSession session,
            @Descriptor(TRUST_HELP) @Parameter(names = {"-t", "--trust"}, presentValue = "true", absentValue = "false") boolean trust,
            @Descriptor(INDEX_HELP) @Parameter(names = {"-i", "--index"}, absentValue = ABSENT) String index,
            @Descriptor(VERSION_HELP) @Parameter(names = {"-v", "--version"}, absentValue = ABSENT) String version,
            @Descriptor("name of the installed plugin") String name)
            throws PluginException {
        if (index.isEmpty()) {
            throw new PluginException("say where the new version is: 'update " + name + " <jar-or-url>' or 'update --index <url> " + name + "'.");
        }
        return updated(plugins.update(name, request(session, trust, index, version, name)));
    }

    @Descriptor("stops and uninstalls a plugin and the dependencies nothing else uses")
    public String remove(@Descriptor("name of the installed plugin") String name) throws PluginException {
        plugins.remove(name);
        return "Removed " + name;
    }

    @Descriptor("starts a disabled plugin; it also starts with the node from now on")
    public String enable(@Descriptor("name of the installed plugin") String name) throws PluginException {
        return "Enabled " + summary(plugins.enable(name));
    }

    @Descriptor("stops a plugin without uninstalling it; it stays stopped across restarts")
    public String disable(@Descriptor("name of the installed plugin") String name) throws PluginException {
        return "Disabled " + summary(plugins.disable(name));
    }

    @Descriptor("lists the installed plugins")
    public String plugins() {
        return PluginTable.format(plugins.list());
    }

    @Descriptor("trusts plugins signed with the certificate in a PEM or DER file")
    public String trust(CommandSession session, @Descriptor("certificate file") String certificate) throws PluginException {
        return "Trusted " + trustStore.trust(Path.of(localPath(session, certificate)));
    }

    @Descriptor("stops trusting the certificates with this subject (as 'trusted' shows it)")
    public String distrust(@Descriptor("certificate subject, e.g. CN=Alice,O=Example") String subject) throws PluginException {
        return trustStore.distrust(subject)
                ? "No longer trusted: " + subject + ". Installed plugins keep running; remove them to be rid of them."
                : "No trusted certificate has the subject " + subject + "; 'swarmplace:trusted' lists them.";
    }

    @Descriptor("lists the subjects of the trusted signer certificates")
    public String trusted() {
        List<String> subjects = trustStore.trustedSubjects();
        return subjects.isEmpty()
                ? "No trusted signers. Add one with 'swarmplace:trust <certificate file>'."
                : String.join("\n", subjects);
    }

    private static InstallRequest request(CommandSession session, boolean trust, String index, String version, String source) {
        Optional<String> range = version.isEmpty() ? Optional.empty() : Optional.of(version);
        if (index.isEmpty()) {
            return new InstallRequest(localPath(session, source), Optional.empty(), range, trust);
        }
        return InstallRequest.fromIndex(localPath(session, index), source, range, trust);
    }

    /** Relative paths are meant relative to the shell's working directory, not the node's. */
    static String localPath(CommandSession session, String source) {
        String lower = source.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http:") || lower.startsWith("https:") || lower.startsWith("file:")) {
            return source;
        }
        Path path = Path.of(source);
        Path base = session == null ? null : session.currentDir();
        return path.isAbsolute() || base == null ? source : base.resolve(path).normalize().toString();
    }

    private static String updated(PluginInfo plugin) {
        return "Updated " + summary(plugin);
    }

    private static String summary(PluginInfo plugin) {
        return plugin.name() + " " + plugin.version() + " (" + plugin.state().name().toLowerCase(Locale.ROOT) + ", "
                + plugin.trust().describe() + ")";
    }

}
