using System.CommandLine;

namespace Monitor.Control.Cli;

/// <summary>`monitor network list --server S`.</summary>
public static class NetworkCommands
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var network = new Command("network", "Networks on a server");
        var list = new Command("list", "List the server's networks and the containers on each") { GlobalOptions.Server };
        CliAction.Set(list, output, error, async (ctx, ct) =>
        {
            var networks = await (await DockerViewCommands.DockerAsync(ctx, ct)).NetworksAsync(DockerViewCommands.Server(ctx), ct);
            if (ctx.Json) Output.Json(ctx.Out, networks);
            else Output.Table(ctx.Out, ["NETWORK", "DRIVER", "SCOPE", "SUBNETS", "CONTAINERS", "ID"], networks.Select(n => new[]
            {
                n.Name + (n.Internal ? " (internal)" : ""), n.Driver, n.Scope, string.Join(",", n.Subnets), string.Join(",", n.Containers), DockerViewCommands.ShortId(n.Id),
            }));
            return 0;
        });
        network.Add(list);
        return network;
    }
}
