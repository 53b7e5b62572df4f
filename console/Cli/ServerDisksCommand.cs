using System.CommandLine;
using Monitor.Control.Volumes;

namespace Monitor.Control.Cli;

/// <summary>`monitor server disks S`: block devices (with filesystem, UUID and mount points) and device mounts.</summary>
public static class ServerDisksCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var name = new Argument<string>("name") { Description = "Server name" };
        var disks = new Command("disks", "List a server's block devices, filesystems and mounts") { name };
        CliAction.Set(disks, output, error, async (ctx, ct) =>
        {
            var services = await ctx.ServicesAsync(ct);
            var result = await new DiskService(services.Directory!, services.Recorder!).ListAsync(ctx.Parse.GetValue(name)!, ct);
            if (ctx.Json) { Output.Json(ctx.Out, result); return 0; }
            Output.Table(ctx.Out, ["DEVICE", "TYPE", "SIZE", "FS", "UUID", "MOUNTED AT"], result.Devices.Select(d => new[]
            {
                d.Path, d.Type, Sizes.Bytes(d.SizeBytes), d.FsType ?? "-", d.Uuid ?? "-", d.MountPoints.Count > 0 ? string.Join(",", d.MountPoints) : "-",
            }));
            return 0;
        });
        return disks;
    }
}
