namespace Monitor.Shared.Models;

/// <summary>One recorded action: who did what, where, when, and how it went. Secrets are masked before
/// a record is built; <see cref="Output"/> is capped by the recorder.</summary>
public sealed record ActionRecord
{
    public long Id { get; init; }
    public DateTimeOffset Start { get; init; }
    public DateTimeOffset? End { get; init; }
    public required string User { get; init; }
    /// <summary>Operation type, e.g. container.restart, stack.deploy, command.run (see <see cref="ActionTypes"/>).</summary>
    public required string Type { get; init; }
    public string? Server { get; init; }
    public string? Stack { get; init; }
    public string? Target { get; init; }
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();
    /// <summary>Null while running.</summary>
    public bool? Success { get; init; }
    public string Output { get; init; } = "";
    public string? Error { get; init; }
    /// <summary>Facts the action produced (version, commit, image, exit code...).</summary>
    public IReadOnlyDictionary<string, string> Result { get; init; } = new Dictionary<string, string>();
}
