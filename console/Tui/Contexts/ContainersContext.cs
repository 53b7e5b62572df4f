namespace Monitor.Control.Tui.Contexts;

/// <summary>The Containers pane's state: the scope (one server, or a stack across its servers) and the rows.</summary>
public sealed class ContainersContext
{
    public ListContext<ContainerRow> List { get; } = new(
    [
        new("NAME", 14, r => r.Name),
        new("IMAGE", 16, r => r.Container.Image),
        new("STATE", 8, r => r.Container.State),
        new("HEALTH", 7, r => r.Container.Health ?? "-"),
        new("UP", 7, r => r.Uptime),
        new("PORTS", 9, r => r.Ports),
        new("CPU", 4, r => Format.Percent(r.Stats?.CpuPercent), r => r.Stats?.CpuPercent),
        new("MEM", 0, r => r.Stats is null ? "-" : Format.Bytes(r.Stats.MemoryUsageBytes), r => r.Stats?.MemoryUsageBytes),
    ], r => r.Server + "/" + r.Name);

    /// <summary>The server whose containers are listed (null: none chosen yet).</summary>
    public string? Server { get; private set; }

    /// <summary>When set, only containers of this stack (compose project label) are listed.</summary>
    public string? Stack { get; private set; }

    public string Title => Stack is not null ? $"Containers · stack {Stack}" : Server is not null ? $"Containers · {Server}" : "Containers";

    public void ScopeToServer(string server)
    {
        Server = server;
        Stack = null;
    }

    public void ScopeToStack(string stack, string server)
    {
        Server = server;
        Stack = stack;
    }

    public void Apply(IReadOnlyList<ContainerRow> rows) =>
        List.SetItems(Stack is null ? rows : rows.Where(r => StackOf(r) == Stack).ToList());

    public static string? StackOf(ContainerRow row) =>
        row.Container.Labels.TryGetValue("com.docker.compose.project", out var p) ? p
        : row.Container.Labels.TryGetValue("monitor.stack", out var s) ? s : null;
}
