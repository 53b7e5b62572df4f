using Monitor.Control.Tui.Contexts;

namespace Monitor.Tui.Tests.Fakes;

public sealed class FakeStackSource : IStackSource
{
    public Task<IReadOnlyList<StackRow>> ListAsync(CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<StackRow>>([new StackRow("shop", "compose", "v1.2", ["web-01"], "running", DateTimeOffset.UtcNow.AddHours(-1))]);

    public Task RunAsync(string stack, StackOperation operation, IProgress<string> output, CancellationToken ct = default)
    {
        output.Report($"pulling images for {stack}");
        output.Report($"{operation.ToString().ToLowerInvariant()}ed {stack}");
        return Task.CompletedTask;
    }

    public List<Monitor.Shared.Config.StackConfig> Saved { get; } = [];

    public Task<Monitor.Shared.Config.StackConfig?> GetAsync(string name, CancellationToken ct = default) =>
        Task.FromResult<Monitor.Shared.Config.StackConfig?>(name == "shop"
            ? new Monitor.Shared.Config.StackConfig { Name = "shop", Image = "shop:1", Deploy = new() { Targets = ["web-01"], Ports = ["8080:80"], Memory = "256m" } }
            : null);

    public Task SaveAsync(Monitor.Shared.Config.StackConfig stack, CancellationToken ct = default)
    {
        Monitor.Control.Stacks.StackRules.Validate(stack);
        lock (Saved) Saved.Add(stack);
        return Task.CompletedTask;
    }
}
