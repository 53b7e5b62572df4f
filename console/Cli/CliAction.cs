using System.CommandLine;
using Monitor.Control.Agents;
using Monitor.Control.Services;
using Monitor.Control.Store;
using Monitor.Shared.Config;

namespace Monitor.Control.Cli;

/// <summary>The one CLI host every verb runs through: it runs the verb body and turns every expected failure into one
/// line on stderr ("monitor: ..." or, with --json, one line {"error":{"code","message"}}) and an exit code (<see cref="ExitCodes"/>).
/// Never a stack trace.</summary>
public static class CliAction
{
    public static void Set(Command command, TextWriter output, TextWriter error, Func<CliContext, CancellationToken, Task<int>> body) =>
        command.SetAction(async (parse, ct) =>
        {
            await using var context = new CliContext(parse, output, error);
            try { return await body(context, ct).ConfigureAwait(false); }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return Fail(context, "interrupted", "interrupted", ExitCodes.Interrupted); }
            catch (OperationFailedException e) { return Fail(context, e.Message, e.Code, ExitCodes.ForCode(e.Code)); }
            catch (AgentException e) { return Fail(context, e.Message, e.Code, ExitCodes.Failed); }
            catch (StateStoreException e) { return Fail(context, e.Message, "store", ExitCodes.Failed); }
            catch (ConfigException e) { return Fail(context, e.Message, "config", ExitCodes.Usage); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Data.Common.DbException)
            {
                return Fail(context, e.Message, "io", ExitCodes.Failed);
            }
        });

    /// <summary>Writes the error the way every verb does and returns <paramref name="exitCode"/>.</summary>
    public static int Fail(CliContext context, string message, string code, int exitCode)
    {
        if (context.Json) context.Err.WriteLine(Output.JsonLine(new CliError(code, message)));
        else context.Err.WriteLine("monitor: " + Monitor.Shared.Text.TerminalText.EscapeKeepingLines(message).ReplaceLineEndings(" "));
        return exitCode;
    }
}
