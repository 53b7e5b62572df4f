using System.Text.Json;
using Monitor.Shared.Config;

namespace Monitor.Control.Stacks;

public sealed partial class StackService
{
    /// <summary>Deploys stack <paramref name="name"/> to <paramref name="server"/> only, whatever its targets (server
    /// clone); the per-target override of <paramref name="overridesOf"/> (the source server), if any, applies to it.
    /// The stored stack is not changed.</summary>
    public async Task<StackDeployResult> DeployToAsync(string name, string server, string? overridesOf, IProgress<StackOutput>? output = null, CancellationToken ct = default)
    {
        var stored = await GetAsync(name, ct).ConfigureAwait(false);
        var copy = JsonSerializer.Deserialize<StackConfig>(JsonSerializer.Serialize(stored, StackDocuments.Json), StackDocuments.Json)!;
        copy.Deploy ??= new StackDeployConfig();
        copy.Deploy.Targets = [server];
        if (overridesOf is not null && copy.Deploy.Overrides.TryGetValue(overridesOf, out var over)) copy.Deploy.Overrides[server] = over;
        return await _deployer.DeployAsync(copy, StackRevision.BranchHead, output, ct).ConfigureAwait(false);
    }
}
