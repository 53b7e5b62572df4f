using System.CommandLine;
using System.Globalization;

namespace Monitor.Control.Cli;

/// <summary>`monitor system df --server S [--verbose]`: the engine's disk usage and what pruning would reclaim.</summary>
public static class SystemCommands
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var system = new Command("system", "A server's Docker engine as a whole");
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Also list the images, containers and volumes" };
        var df = new Command("df", "Disk used by images, containers, volumes and build cache") { GlobalOptions.Server, verbose };
        CliAction.Set(df, output, error, async (ctx, ct) =>
        {
            var usage = await (await DockerViewCommands.DockerAsync(ctx, ct)).DiskUsageAsync(DockerViewCommands.Server(ctx), ct);
            if (ctx.Json) { Output.Json(ctx.Out, usage); return 0; }
            Output.Table(ctx.Out, ["TYPE", "TOTAL", "ACTIVE", "SIZE", "RECLAIMABLE"], usage.Summary.Select(r => new[]
            {
                r.Type, r.Total.ToString(CultureInfo.InvariantCulture), r.Active.ToString(CultureInfo.InvariantCulture), Sizes.Bytes(r.SizeBytes), Sizes.Bytes(r.ReclaimableBytes),
            }));
            if (!ctx.Parse.GetValue(verbose)) return 0;
            ctx.Out.WriteLine();
            Output.Table(ctx.Out, ["IMAGE", "ID", "SIZE", "SHARED", "CONTAINERS"], usage.Images.Select(i => new[]
            {
                i.Tags.FirstOrDefault() ?? "<none>", DockerViewCommands.ShortId(i.Id), Sizes.Bytes(i.SizeBytes), Sizes.Bytes(i.SharedSizeBytes), i.Containers.ToString(CultureInfo.InvariantCulture),
            }));
            ctx.Out.WriteLine();
            Output.Table(ctx.Out, ["CONTAINER", "IMAGE", "STATE", "WRITABLE", "ROOT FS"], usage.Containers.Select(c => new[]
            {
                c.Name, c.Image, c.State, Sizes.Bytes(c.WritableBytes), Sizes.Bytes(c.RootFsBytes),
            }));
            ctx.Out.WriteLine();
            Output.Table(ctx.Out, ["VOLUME", "LINKS", "SIZE"], usage.Volumes.Select(v => new[]
            {
                v.Name, v.RefCount?.ToString(CultureInfo.InvariantCulture) ?? "-", v.SizeBytes is { } s ? Sizes.Bytes(s) : "-",
            }));
            return 0;
        });
        system.Add(df);
        return system;
    }
}
