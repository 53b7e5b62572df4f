using Monitor.Shared.Protocol;

namespace Monitor.Control.Services;

public interface ICommandService
{
    /// <summary>Runs a program on a server with an argument list, reporting output as it arrives; recorded in the history.</summary>
    Task<CommandResult> RunAsync(string server, CommandRunRequest request, IProgress<OutputChunk>? output = null, CancellationToken ct = default);
}
