using Monitor.Control.Agents;
using Monitor.Control.Services;
using Monitor.Control.Store;
using Monitor.Shared.Config;

namespace Monitor.Control.Stacks;

/// <summary>Runs one recorded stack operation: opens the history record, turns agent failures into messages an
/// operator can act on, and always completes the record (success, failure, or cancellation).</summary>
public sealed class StackOperation(IStateStore store, string user)
{
    public async Task<T> RunAsync<T>(string type, StackConfig stack, string? server, IReadOnlyDictionary<string, string> parameters,
        IProgress<StackOutput>? output, Func<StackActionLog, Task<(T Value, bool Success, string? Error)>> body, CancellationToken ct)
    {
        var log = await StackActionLog.StartAsync(store, user, type, stack.Name, server, parameters, output, ContainerSpecFactory.SecretValues(stack), ct).ConfigureAwait(false);
        try
        {
            var (value, success, error) = await body(log).ConfigureAwait(false);
            await log.CompleteAsync(success, error).ConfigureAwait(false);
            return value;
        }
        catch (OperationFailedException ex)
        {
            log.Report(new StackOutput("error", null, "stderr", ex.Message));
            await log.CompleteAsync(false, ex.Message).ConfigureAwait(false);
            throw;
        }
        catch (AgentException ex)
        {
            var message = $"{type} of stack {stack.Name} failed on {ex.Server}: {ex.Message.Replace(ex.Server + ": ", "")}";
            log.Report(new StackOutput("error", ex.Server, "stderr", message));
            await log.CompleteAsync(false, message).ConfigureAwait(false);
            throw new OperationFailedException(message, ex.Code, ex);
        }
        catch (OperationCanceledException)
        {
            await log.CompleteAsync(false, $"{type} of stack {stack.Name} was cancelled").ConfigureAwait(false);
            throw;
        }
    }
}
