namespace Monitor.Control.Tui.Contexts;

/// <summary>The Stacks pane's state.</summary>
public sealed class StacksContext(bool available)
{
    public bool Available { get; } = available;

    public ListContext<StackRow> List { get; } = new(
    [
        new("NAME", 10, r => r.Name),
        new("KIND", 7, r => r.Kind),
        new("VERSION", 10, r => r.Version),
        new("SERVERS", 10, r => string.Join(",", r.Servers)),
        new("STATE", 8, r => r.State),
        new("DEPLOYED", 0, r => Format.Ago(r.LastDeploy, DateTimeOffset.UtcNow), r => r.LastDeploy),
        new("URL", 12, r => r.Url),
        new("CERTIFICATE", 0, r => r.Certificate),
    ], r => r.Name);
}
