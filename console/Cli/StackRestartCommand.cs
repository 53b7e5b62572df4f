using System.CommandLine;

namespace Monitor.Control.Cli;

/// <summary>`monitor stack restart NAME [--pull] [--wait]`: restart on every target; with --pull (compose stacks) pull
/// newer images first and recreate only the services whose image changed.</summary>
public static class StackRestartCommand
{
    public static Command Build(StackCliHost host)
    {
        var name = new Argument<string>("name") { Description = "Stack name" };
        var wait = new Option<bool>("--wait") { Description = "Stream every step's output while waiting; the exit code tells success" };
        var pull = new Option<bool>("--pull") { Description = "Compose stacks: pull newer images, then recreate only the services that changed" };
        var command = new Command("restart", "Restart the stack on every target") { name, wait, pull };
        command.SetAction((parse, ct) => host.RunAsync(parse, "stack restart", true, async stacks =>
        {
            var output = parse.GetValue(wait) ? host.Live() : null;
            var stack = parse.GetValue(name)!;
            var results = parse.GetValue(pull)
                ? await stacks.RestartPullingAsync(stack, output, ct).ConfigureAwait(false)
                : await stacks.RestartAsync(stack, output, ct).ConfigureAwait(false);
            foreach (var t in results)
                host.Out.WriteLine($"  {t.Server,-12} {(t.Success ? "ok" : "FAILED"),-12} {t.Container,-24} {t.Message}");
            return results.All(r => r.Success) ? StackCliHost.Ok : StackCliHost.Failed;
        }, ct));
        return command;
    }
}
