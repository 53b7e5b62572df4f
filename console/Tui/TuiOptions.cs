using Monitor.Control.Tui.Contexts;

namespace Monitor.Control.Tui;

/// <summary>How the TUI runs. <see cref="ReadOnly"/> hides every key that changes state.</summary>
public sealed record TuiOptions
{
    public bool ReadOnly { get; init; }
    /// <summary>How often servers, containers and stacks refresh.</summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromSeconds(3);
    /// <summary>Log pane ring buffer size in lines.</summary>
    public int LogBufferLines { get; init; } = LogBuffer.DefaultCapacity;
    /// <summary>The stack service adapted for the TUI; null until a stack service is wired.</summary>
    public IStackSource? Stacks { get; init; }
    /// <summary>A <c>:</c> command to run at start (e.g. "history type=deploy").</summary>
    public string? StartCommand { get; init; }
    /// <summary>Terminal.Gui driver name; null picks the platform default.</summary>
    public string? Driver { get; init; }
}
