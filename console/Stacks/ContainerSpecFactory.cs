using System.Globalization;
using Monitor.Control.Services;
using Monitor.Shared.Config;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Stacks;

/// <summary>Turns a stack's deploy section into the container spec for one target (ports may be overridden per target).
/// Secret env values are read here and go only to the agent.</summary>
public static class ContainerSpecFactory
{
    public const string StackLabel = "monitor.stack";
    public const string VersionLabel = "monitor.version";

    public static string ContainerName(StackConfig stack, string server) =>
        Override(stack, server)?.ContainerName ?? stack.Deploy?.ContainerName ?? stack.Name;

    private static StackTargetOverride? Override(StackConfig stack, string server) =>
        stack.Deploy?.Overrides.GetValueOrDefault(server);

    public static ContainerRunSpec Create(StackConfig stack, string server, string image, string? version)
    {
        var deploy = stack.Deploy ?? new StackDeployConfig();
        var ports = Override(stack, server)?.Ports ?? deploy.Ports;
        var env = new Dictionary<string, string>(deploy.Env);
        foreach (var (name, source) in deploy.SecretEnv)
            env[name] = SecretSource.Read(source, null, $"stack {stack.Name}: secret {name}")!;
        var labels = new Dictionary<string, string>(deploy.Labels) { [StackLabel] = stack.Name };
        if (version is not null) labels[VersionLabel] = version;
        return new ContainerRunSpec(
            ContainerName(stack, server), image,
            ports.Select(p => PortSpec.Parse(p, stack.Name)).ToList(),
            deploy.Volumes, deploy.Network, deploy.Restart, env, labels,
            ParseMemory(deploy.Memory, stack.Name), deploy.Cpus, deploy.Args, Replace: true);
    }

    /// <summary>The secret values of a stack (to mask them in recorded output).</summary>
    public static IReadOnlyList<string> SecretValues(StackConfig stack) =>
        (stack.Deploy?.SecretEnv.Values ?? Enumerable.Empty<string>())
            .Select(Environment.GetEnvironmentVariable).OfType<string>().ToList();

    public static long? ParseMemory(string? text, string stack)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = text.Trim().ToLowerInvariant().TrimEnd('b');
        long factor = 1;
        if (t.EndsWith('k')) factor = 1L << 10; else if (t.EndsWith('m')) factor = 1L << 20; else if (t.EndsWith('g')) factor = 1L << 30;
        if (factor > 1) t = t[..^1];
        if (!long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0)
            throw new OperationFailedException($"stack {stack}: memory '{text}' is not valid; write e.g. 256m or 1g", "invalid_argument");
        return value * factor;
    }
}
