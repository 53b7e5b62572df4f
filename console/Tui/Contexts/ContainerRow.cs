using Monitor.Shared.Protocol;

namespace Monitor.Control.Tui.Contexts;

/// <summary>A container as the Containers pane shows it, with the server it runs on and its last stats.</summary>
public sealed record ContainerRow(string Server, ContainerSummary Container, ContainerStats? Stats)
{
    public string Name => Container.Name;

    /// <summary>Docker's "Up 5 minutes (healthy)" shortened to "5 minutes"; "-" when not running.</summary>
    public string Uptime
    {
        get
        {
            var status = Container.Status;
            if (!status.StartsWith("Up ", StringComparison.Ordinal)) return "-";
            var paren = status.IndexOf(" (", StringComparison.Ordinal);
            return (paren > 0 ? status[3..paren] : status[3..]).Replace("About ", "~").Replace(" minutes", "m").Replace(" hours", "h")
                .Replace(" seconds", "s").Replace(" days", "d").Replace("an hour", "1h").Replace("a minute", "1m");
        }
    }

    public string Ports => string.Join(",", Container.Ports
        .Select(p => p.PublicPort is { } pub ? $"{pub}->{p.PrivatePort}" : $"{p.PrivatePort}")
        .Distinct());
}
