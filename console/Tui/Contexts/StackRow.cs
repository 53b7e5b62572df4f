namespace Monitor.Control.Tui.Contexts;

/// <summary>A stack as the Stacks pane shows it. Kind is build, image or compose. <see cref="Url"/> and
/// <see cref="Certificate"/> come from the route (empty without one).</summary>
public sealed record StackRow(
    string Name,
    string Kind,
    string Version,
    IReadOnlyList<string> Servers,
    string State,
    DateTimeOffset? LastDeploy,
    string Url = "",
    string Certificate = "");
