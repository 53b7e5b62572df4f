using Monitor.Control.Services;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Fleet;

/// <summary>Where a bootstrap installs on the host, the agent package's layout (scripts/package/install.sh) under an
/// optional prefix: PREFIX/usr/local/bin/monitor-agent (a single-file build) or PREFIX/usr/local/lib/monitor-agent/
/// (a directory build), PREFIX/etc/monitor-agent/{agent.toml,authorized_keys}, PREFIX/var/lib/monitor-agent.</summary>
public sealed record BootstrapLayout(string Prefix)
{
    public static BootstrapLayout For(string? prefix)
    {
        var clean = (prefix ?? "").TrimEnd('/');
        if (clean.Length > 0 && !clean.StartsWith('/'))
            throw new OperationFailedException($"--prefix {prefix} must be an absolute path on the host (e.g. /opt/monitor)", ErrorCodes.InvalidArgument);
        if (clean.Any(c => c is '\'' or '\n' or '"' or '\\'))
            throw new OperationFailedException($"--prefix {prefix} holds a quote, backslash or newline; pick a plain path", ErrorCodes.InvalidArgument);
        return new BootstrapLayout(clean);
    }

    public string Bin => Prefix + "/usr/local/bin";
    public string Lib => Prefix + "/usr/local/lib/monitor-agent";
    public string Etc => Prefix + "/etc/monitor-agent";
    public string State => Prefix + "/var/lib/monitor-agent";
    public string Config => Etc + "/agent.toml";
    public string AuthorizedKeys => Etc + "/authorized_keys";
    public string Log => State + "/agent.log";
    public string AgentPid => State + "/agent.pid";
    public string SupervisorPid => State + "/supervisor.pid";
    public const string UnitFile = "/etc/systemd/system/monitor-agent.service";

    public string ExecutableFor(BootstrapAgentBuild build) => build.IsDirectory ? Lib + "/" + BootstrapAgentBuild.ExecutableName : Bin + "/" + BootstrapAgentBuild.ExecutableName;
}
