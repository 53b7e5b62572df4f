namespace Monitor.Shared.Models;

/// <summary>One successful build of a stack (store collection "builds", key "STACK/VERSION").</summary>
public sealed record BuildRecord
{
    public required string Stack { get; init; }
    public required string Version { get; init; }
    public required string Commit { get; init; }
    /// <summary>The pushed, versioned image reference (REGISTRY/NAME:VERSION).</summary>
    public required string Image { get; init; }
    public string? ImageId { get; init; }
    public string? Server { get; init; }
    public DateTimeOffset Time { get; init; } = DateTimeOffset.UtcNow;
}
