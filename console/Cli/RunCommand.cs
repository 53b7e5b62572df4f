using System.CommandLine;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Cli;

/// <summary>`monitor run --server S [--timeout SEC] [--shell] -- CMD ARGS...`: output streamed, exit code propagated.</summary>
public static class RunCommand
{
    /// <summary>Exit code when the command was killed at its timeout (like coreutils' timeout).</summary>
    public const int TimedOutExitCode = 124;

    public static Command Create(GlobalOptions global, CliSettings settings)
    {
        var server = new Option<string>("--server", "-s") { Description = "Server name", Required = true };
        var timeout = new Option<int?>("--timeout") { Description = "Kill the command after this many seconds" };
        var shell = new Option<bool>("--shell") { Description = "Run the words as one /bin/sh -c script (default: an argument list, no shell)" };
        var words = new Argument<string[]>("command") { Description = "Program and arguments, after --", Arity = ArgumentArity.OneOrMore };
        var command = new Command("run", "Run a program on a server") { server, timeout, shell, words };
        command.SetAction(CliContext.Action(global, settings, async (context, ct) =>
        {
            context.RequireWritable("run");
            var argv = context.Parse.GetValue(words) ?? [];
            if (argv.Length == 0) throw new UsageException("nothing to run: give the program after --, e.g. monitor run --server web-01 -- uptime");
            var useShell = context.Parse.GetValue(shell);
            var request = useShell
                ? new CommandRunRequest(string.Join(' ', argv), [], TimeoutSeconds: context.Parse.GetValue(timeout), Shell: true)
                : new CommandRunRequest(argv[0], argv[1..], TimeoutSeconds: context.Parse.GetValue(timeout));
            await using var services = await context.OpenServicesAsync(ct).ConfigureAwait(false);
            var chunks = new List<OutputChunk>();
            var progress = new SyncProgress<OutputChunk>(chunk =>
            {
                if (context.Json) { chunks.Add(chunk); return; }
                var writer = chunk.Stream == "stderr" ? context.Error : context.Output.Writer;
                writer.Write(chunk.Text);
                writer.Flush();
            });
            var result = await services.Commands.RunAsync(context.Parse.GetValue(server)!, request, progress, ct).ConfigureAwait(false);
            if (context.Json)
                context.Output.WriteJson(new
                {
                    exitCode = result.ExitCode,
                    timedOut = result.TimedOut,
                    durationSeconds = result.DurationSeconds,
                    stdout = string.Concat(chunks.Where(c => c.Stream != "stderr").Select(c => c.Text)),
                    stderr = string.Concat(chunks.Where(c => c.Stream == "stderr").Select(c => c.Text)),
                });
            else if (result.TimedOut)
                context.Error.WriteLine($"monitor: the command was killed after its {context.Parse.GetValue(timeout)} s timeout");
            return result.TimedOut ? TimedOutExitCode : result.ExitCode;
        }));
        return command;
    }
}
