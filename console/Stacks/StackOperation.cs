using Monitor.Control.Agents;
using Monitor.Control.Services;
using Monitor.Shared.Config;

namespace Monitor.Control.Stacks;

/// <summary>Runs one recorded stack operation: opens the history record (through the one recorder), turns agent
/// failures into messages an operator can act on, and always completes the record (success, failure, or cancellation).</summary>
public sealed class StackOperation(ActionRecorder recorder)
{
    public string User => recorder.User;

    public async Task<T> RunAsync<T>(string type, StackConfig stack, string? server, IReadOnlyDictionary<string, string> parameters,
        IProgress<StackOutput>? output, Func<StackActionLog, Task<(T Value, bool Success, string? Error)>> body, CancellationToken ct)
    {
        var log = await StackActionLog.StartAsync(recorder, type, stack.Name, server, parameters, output, StackSecrets.Values(stack), ct).ConfigureAwait(false);
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
            await log.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A record of its own for something that already happened (e.g. a rollback during a deploy).</summary>
    public async Task RecordDoneAsync(string type, string stack, string? server, string? target, bool success, string output,
        IReadOnlyDictionary<string, string> result, CancellationToken ct)
    {
        var action = await recorder.StartAsync(type, server, stack, target, null, ct).ConfigureAwait(false);
        action.AppendOutput(output);
        foreach (var (name, value) in result) action.SetResult(name, value);
        await action.CompleteAsync(success, success ? null : output).ConfigureAwait(false);
    }
}
