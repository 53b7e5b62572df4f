namespace Monitor.Control.Fleet;

/// <summary>The systemd unit a bootstrap installs: the agent package's hardened unit (scripts/package/monitor-agent.service,
/// embedded) with its paths moved under the install prefix.</summary>
public static class BootstrapUnit
{
    public static string Render(BootstrapLayout layout, string executable)
    {
        using var stream = typeof(BootstrapUnit).Assembly.GetManifestResourceStream("monitor-agent.service")
            ?? throw new InvalidOperationException("monitor-agent.service is not embedded in this build");
        using var reader = new StreamReader(stream);
        var unit = reader.ReadToEnd()
            .Replace("/usr/local/bin/monitor-agent --config", executable + " --config", StringComparison.Ordinal)
            .Replace("/etc/monitor-agent", layout.Etc, StringComparison.Ordinal);
        if (layout.Prefix.Length == 0) return unit;
        return unit
            .Replace("/var/lib/monitor-agent", layout.State, StringComparison.Ordinal)
            .Replace("ReadWritePaths=" + layout.Etc, $"ReadWritePaths={layout.Etc} {layout.State}", StringComparison.Ordinal);
    }
}
