using Monitor.Shared.Protocol;

namespace Monitor.Control.Fleet;

/// <summary>A clone plan as shown to people and in --json: env values are not shown (they may be secrets), only names.</summary>
public sealed record ClonePlanView(string Source, string Target, IReadOnlyList<string> Stacks, IReadOnlyList<ClonePlanView.Container> Containers, IReadOnlyList<string> Warnings)
{
    public sealed record Container(string Name, string Image, IReadOnlyList<string> Ports, IReadOnlyList<string> Volumes, string? Network, string? Restart,
        IReadOnlyList<string> EnvNames, IReadOnlyDictionary<string, string> Labels, long? MemoryBytes, double? Cpus, IReadOnlyList<string> Args);

    public static ClonePlanView Of(ClonePlan plan) => new(plan.Source, plan.Target, plan.Stacks, plan.Containers.Select(Show).ToList(), plan.Warnings);

    private static Container Show(ContainerRunSpec s) => new(s.Name, s.Image,
        (s.Ports ?? []).Select(p => $"{(p.HostIp is null ? "" : p.HostIp + ":")}{p.HostPort}:{p.ContainerPort}/{p.Protocol}").ToList(),
        s.Volumes ?? [], s.Network, s.RestartPolicy, (s.Env ?? new Dictionary<string, string>()).Keys.Order(StringComparer.Ordinal).ToList(),
        s.Labels ?? new Dictionary<string, string>(), s.MemoryBytes, s.Cpus, s.Args ?? []);
}
