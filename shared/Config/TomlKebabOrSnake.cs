using System.Text.Json;

namespace Monitor.Shared.Config;

/// <summary>Config keys are snake_case (<c>authorized_keys</c>), as in most TOML files ops engineers know.</summary>
public static class TomlKebabOrSnake
{
    public static JsonNamingPolicy Policy { get; } = JsonNamingPolicy.SnakeCaseLower;
}
