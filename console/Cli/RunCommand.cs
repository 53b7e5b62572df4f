using System.CommandLine;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Cli;

/// <summary>`monitor run --server S -- CMD ARGS...`: output streams as it comes; the exit code is the command's.</summary>
public static class RunCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var argv = new Argument<string[]>("command") { Description = "Program and arguments (after --)", Arity = ArgumentArity.OneOrMore };
        var timeout = new Option<int?>("--timeout") { Description = "Kill it after this many seconds" };
        var shell = new Option<bool>("--shell") { Description = "Run the first argument as a /bin/sh -c script" };
        var workdir = new Option<string?>("--workdir", "-w") { Description = "Working directory on the server" };
        var command = new Command("run", "Run a command on a server") { argv, GlobalOptions.Server, timeout, shell, workdir };
        CliAction.Set(command, output, error, async (ctx, ct) =>
        {
            ctx.RequireWritable("run");
            var services = await ctx.ServicesAsync(ct);
            var words = ctx.Parse.GetValue(argv)!;
            var request = new CommandRunRequest(words[0], words[1..], ctx.Parse.GetValue(workdir), null, ctx.Parse.GetValue(timeout), ctx.Parse.GetValue(shell));
            var chunks = new List<OutputChunk>();
            var progress = new SynchronousProgress<OutputChunk>(chunk =>
            {
                if (ctx.Json) { lock (chunks) chunks.Add(chunk); return; }
                (chunk.Stream == "stderr" ? ctx.Err : ctx.Out).Write(chunk.Text);
            });
            var result = await services.Commands.RunAsync(ctx.Parse.GetValue(GlobalOptions.Server)!, request, progress, ct);
            if (ctx.Json)
                Output.Json(ctx.Out, new RunJson(result.ExitCode, result.TimedOut, result.DurationSeconds,
                    string.Concat(chunks.Where(c => c.Stream == "stdout").Select(c => c.Text)),
                    string.Concat(chunks.Where(c => c.Stream == "stderr").Select(c => c.Text))));
            else if (result.TimedOut) ctx.Err.WriteLine($"monitor: timed out after {result.DurationSeconds:0.#} s");
            return result.TimedOut ? 124 : result.ExitCode;
        });
        return command;
    }

    /// <summary>`run --json`: exit code, timing and the collected output streams.</summary>
    internal sealed record RunJson(int ExitCode, bool TimedOut, double DurationSeconds, string Stdout, string Stderr);
}

/// <summary>IProgress that calls back on the reporting thread, so output keeps its order.</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
