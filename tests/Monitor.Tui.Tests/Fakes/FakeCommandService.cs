using System.Collections.Concurrent;
using Monitor.Control.Services;
using Monitor.Shared.Protocol;

namespace Monitor.Tui.Tests.Fakes;

/// <summary>"Runs" a command by echoing its arguments as output, like <c>echo</c> would.</summary>
public sealed class FakeCommandService : ICommandService
{
    public ConcurrentQueue<(string Server, CommandRunRequest Request)> Runs { get; } = new();

    public Task<CommandResult> RunAsync(string server, CommandRunRequest request, IProgress<OutputChunk>? output = null, CancellationToken ct = default)
    {
        Runs.Enqueue((server, request));
        output?.Report(new OutputChunk("stdout", string.Join(' ', request.Args) + "\n"));
        return Task.FromResult(new CommandResult(0, false, 0.01));
    }
}
