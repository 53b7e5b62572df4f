using Monitor.Shared.Protocol;

namespace Monitor.Control.Tui.Contexts;

/// <summary>A container as the Containers pane shows it, with the server it runs on and its last stats.</summary>
public sealed record ContainerRow(string Server, ContainerSummary Container, ContainerStats? Stats)
{
    public string Name => Container.Name;

    public string Ports => string.Join(",", Container.Ports
        .Select(p => p.PublicPort is { } pub ? $"{pub}->{p.PrivatePort}" : $"{p.PrivatePort}")
        .Distinct());
}
