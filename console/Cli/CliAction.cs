using System.CommandLine;
using Monitor.Control.Agents;
using Monitor.Control.Services;
using Monitor.Control.Store;
using Monitor.Shared.Config;

namespace Monitor.Control.Cli;

/// <summary>Runs a command body and turns every expected failure into one clear line on stderr and an exit code:
/// 1 the operation failed, 2 usage or config error, 130 interrupted. Never a stack trace.</summary>
public static class CliAction
{
    public static void Set(Command command, TextWriter output, TextWriter error, Func<CliContext, CancellationToken, Task<int>> body) =>
        command.SetAction(async (parse, ct) =>
        {
            await using var context = new CliContext(parse, output, error);
            try { return await body(context, ct).ConfigureAwait(false); }
            catch (OperationFailedException e) { return Fail(context, e.Message, e.Code, 1); }
            catch (AgentException e) { return Fail(context, e.Message, e.Code, 1); }
            catch (StateStoreException e) { return Fail(context, e.Message, "store", 1); }
            catch (ConfigException e) { return Fail(context, e.Message, "config", 2); }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return 130; }
        });

    private static int Fail(CliContext context, string message, string code, int exitCode)
    {
        if (context.Json) Output.Json(context.Err, new { error = new { code, message } });
        else context.Err.WriteLine($"error: {Monitor.Shared.Text.TerminalText.EscapeKeepingLines(message)}");
        return exitCode;
    }
}
