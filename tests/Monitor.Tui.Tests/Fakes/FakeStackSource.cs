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
}
