using Monitor.Control.Services;
using Monitor.Shared.Config;

namespace Monitor.Control.Routes;

/// <summary>How a stack's container is replaced on a target: <c>replace</c> (stop old, start new) or <c>blue-green</c>
/// (new beside old, route switched when healthy). Default: blue-green for a stack with a route and no fixed host
/// ports, else replace.</summary>
public static class DeployStrategy
{
    public const string Replace = "replace";
    public const string BlueGreen = "blue-green";

    public static string For(StackConfig stack, string server)
    {
        var ports = stack.Deploy?.Overrides.GetValueOrDefault(server)?.Ports ?? stack.Deploy?.Ports ?? [];
        return (stack.Deploy?.Strategy) switch
        {
            Replace => Replace,
            BlueGreen => BlueGreen,
            null or "" => stack.Route is not null && ports.Count == 0 ? BlueGreen : Replace,
            var other => throw Invalid(stack, $"strategy '{other}' is not one of replace, blue-green"),
        };
    }

    public static void Validate(StackConfig stack)
    {
        if (stack.Deploy?.Strategy is not (null or "" or Replace or BlueGreen))
            throw Invalid(stack, $"strategy '{stack.Deploy.Strategy}' is not one of replace, blue-green");
        if (stack.Deploy?.Strategy != BlueGreen) return;
        if (stack.Route is null)
            throw Invalid(stack, "strategy = \"blue-green\" needs a [stacks.route]: the proxy is what switches traffic to the new container; add a route or use strategy = \"replace\"");
        var fixedPorts = (stack.Deploy.Ports.Count > 0) || stack.Deploy.Overrides.Values.Any(o => o.Ports is { Count: > 0 });
        if (fixedPorts)
            throw Invalid(stack, "strategy = \"blue-green\" runs old and new side by side, so they cannot share fixed host ports; remove `ports` (the route reaches the container) or use strategy = \"replace\"");
        if (stack.Deploy.DrainSeconds is < 0 or > 3600)
            throw Invalid(stack, $"drain_seconds {stack.Deploy.DrainSeconds} is not between 0 and 3600");
    }

    private static OperationFailedException Invalid(StackConfig stack, string message) =>
        new($"stack {stack.Name}: {message}", "invalid_argument");
}
