using System.Text.Json;
using System.Text.RegularExpressions;
using Monitor.Agent.Dispatch;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Apps;

/// <summary>Checks an app definition before anything runs; each problem is an invalid_argument naming the field.</summary>
internal static partial class AppSpecRules
{
    public static readonly string[] RestartPolicies = ["always", "on-failure", "never"];

    [GeneratedRegex(@"^[a-z0-9][a-z0-9_.-]{0,62}\z")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[a-z_][a-z0-9_-]{0,31}\z")]
    private static partial Regex UserPattern();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]{0,127}\z")]
    private static partial Regex EnvPattern();

    public static string RequireName(string? name)
    {
        if (name is null || !NamePattern().IsMatch(name))
            throw Invalid($"app name '{Clean(name)}' is not valid: use lower-case letters, digits, '_', '.', '-' (up to 63, starting with a letter or digit)");
        return name;
    }

    public static void Check(AppSpec spec)
    {
        RequireName(spec.Name);
        if (spec.Command is not { Count: > 0 } || string.IsNullOrWhiteSpace(spec.Command[0]))
            throw Invalid($"app {spec.Name}: command is empty; give the program and its arguments as a list, e.g. [\"python3\", \"app.py\"]");
        if (spec.Command[0].StartsWith('-'))
            throw Invalid($"app {spec.Name}: the program '{Clean(spec.Command[0])}' starts with '-'; give a program name or path first");
        if (spec.Command.Any(HasNul) || spec.Cwd is { } c && HasNul(c))
            throw Invalid($"app {spec.Name}: the command or cwd contains a NUL character");
        if (spec.Cwd is { } cwd && !Path.IsPathFullyQualified(cwd))
            throw Invalid($"app {spec.Name}: cwd '{Clean(cwd)}' must be an absolute path");
        if (spec.User is { } user && !UserPattern().IsMatch(user))
            throw Invalid($"app {spec.Name}: user '{Clean(user)}' is not a valid user name");
        if (!RestartPolicies.Contains(spec.Restart))
            throw Invalid($"app {spec.Name}: restart '{Clean(spec.Restart)}' is not one of {string.Join(", ", RestartPolicies)}");
        if (Signals.Parse(spec.StopSignal) is null)
            throw Invalid($"app {spec.Name}: stop_signal '{Clean(spec.StopSignal)}' is not one of {string.Join(", ", Signals.Names)}");
        if (spec.StopTimeoutSeconds is < 0 or > 3600)
            throw Invalid($"app {spec.Name}: stop_timeout must be between 0 and 3600 seconds");
        if (spec.MemoryBytes is < 4 * 1024 * 1024)
            throw Invalid($"app {spec.Name}: memory limit below 4 MiB; give e.g. \"64m\"");
        if (spec.Cpus is <= 0 or > 1024)
            throw Invalid($"app {spec.Name}: cpus must be above 0 (e.g. 0.5)");
        if (spec.LogMaxBytes < 64 * 1024)
            throw Invalid($"app {spec.Name}: log_max_bytes must be at least 64 KiB");
        foreach (var (key, value) in (spec.Env ?? new Dictionary<string, string>()).Concat(spec.SecretEnv ?? new Dictionary<string, string>()))
        {
            if (!EnvPattern().IsMatch(key)) throw Invalid($"app {spec.Name}: env name '{Clean(key)}' is not valid (letters, digits, '_')");
            if (HasNul(value)) throw Invalid($"app {spec.Name}: env {key} contains a NUL character");
        }
    }

    /// <summary>Two definitions are the same when their JSON is (lists and maps compare by content).</summary>
    public static bool Same(AppSpec a, AppSpec b) =>
        JsonSerializer.Serialize(a, AppJsonContext.Default.AppSpec) == JsonSerializer.Serialize(b, AppJsonContext.Default.AppSpec);

    /// <summary>The spec as shown to consoles: secret values replaced.</summary>
    public static AppSpec Masked(AppSpec spec) => spec with
    {
        SecretEnv = spec.SecretEnv?.ToDictionary(kv => kv.Key, _ => "***"),
    };

    private static bool HasNul(string s) => s.Contains('\0');

    private static string Clean(string? s) => s is null ? "" : new string(s.Take(80).Select(ch => char.IsControl(ch) ? '?' : ch).ToArray());

    private static AgentRequestException Invalid(string message) => new(ErrorCodes.InvalidArgument, message);
}
