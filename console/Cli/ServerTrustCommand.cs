using System.CommandLine;

namespace Monitor.Control.Cli;

/// <summary>`monitor server trust NAME [--fingerprint F]`: accept the certificate an agent presents now (after it
/// was replaced on purpose); the old and new fingerprints are printed and recorded.</summary>
public static class ServerTrustCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var name = new Argument<string>("name") { Description = "Server name" };
        var fingerprint = new Option<string?>("--fingerprint") { Description = "Trust only if the agent presents this fingerprint (`monitor-agent --fingerprint`)" };
        var trust = new Command("trust", "Pin the TLS certificate a server's agent presents now (after checking it on the server)") { name, fingerprint };
        CliAction.Set(trust, output, error, async (ctx, ct) =>
        {
            ctx.RequireWritable("server trust");
            var change = await (await ctx.ServicesAsync(ct)).Trust!.TrustAsync(ctx.Parse.GetValue(name)!, ctx.Parse.GetValue(fingerprint), ct);
            if (ctx.Json) Output.Json(ctx.Out, change);
            else if (change.Previous == change.Current) ctx.Out.WriteLine($"{change.Server}: {change.Current} was already pinned");
            else ctx.Out.WriteLine($"{change.Server}: now trusting {change.Current} (was {change.Previous ?? "not pinned"})");
            return 0;
        });
        return trust;
    }
}
