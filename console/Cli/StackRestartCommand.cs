using System.CommandLine;

namespace Monitor.Control.Cli;

/// <summary>`monitor stack restart NAME [--pull] [--wait]`: restart on every target; with --pull (compose stacks) pull
/// newer images first and recreate only the services whose image changed.</summary>
public static class StackRestartCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var name = new Argument<string>("name") { Description = "Stack name" };
        var wait = new Option<bool>("--wait") { Description = "Stream every step's output while waiting; the exit code tells success" };
        var pull = new Option<bool>("--pull") { Description = "Compose stacks: pull newer images, then recreate only the services that changed" };
        var command = new Command("restart", "Restart the stack on every target") { name, wait, pull };
        CliAction.Set(command, output, error, async (ctx, ct) =>
        {
            ctx.RequireWritable("stack restart");
            var stacks = await ctx.StacksAsync(ct);
            var live = ctx.Parse.GetValue(wait) ? ctx.Live() : null;
            var stack = ctx.Parse.GetValue(name)!;
            var results = ctx.Parse.GetValue(pull)
                ? await stacks.RestartPullingAsync(stack, live, ct)
                : await stacks.RestartAsync(stack, live, ct);
            var success = results.All(r => r.Success);
            if (ctx.Json) Output.Json(ctx.Out, new StackCommands.TargetsJson(stack, success, results));
            else
                foreach (var t in results)
                    ctx.Out.WriteLine($"  {t.Server,-12} {(t.Success ? "ok" : "FAILED"),-12} {t.Container,-24} {t.Message}");
            return success ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }
}
