using System.CommandLine;
using Monitor.Control.Services;
using Monitor.Control.Volumes;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Cli;

/// <summary>`monitor server volume format|mount|unmount S DEVICE`: admin actions on a server's block device, asked
/// to confirm with --yes and recorded in the history.</summary>
public static class ServerVolumeCommands
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var volume = new Command("volume", "Format, mount or unmount a server's block device (admin role)");

        var fs = new Option<string>("--fs") { Description = "Filesystem to make: ext4 (default) or xfs", DefaultValueFactory = _ => "ext4" };
        var force = new Option<bool>("--force") { Description = "Format even if the device already holds a filesystem (erases it)" };
        var format = Verb("format", "Make a filesystem on a block device (refused for a mounted one, and for one holding a filesystem without --force)", out var fServer, out var fDevice, out var fYes);
        format.Add(fs); format.Add(force);
        Set(format, output, error, fYes, "formatting erases everything on the device", (ctx, disks, ct) =>
            disks.FormatAsync(ctx.Parse.GetValue(fServer)!, ctx.Parse.GetValue(fDevice)!, ctx.Parse.GetValue(fs)!, ctx.Parse.GetValue(force), ct));

        var at = new Option<string>("--at") { Description = "Absolute mount point, e.g. /mnt/data (made if missing)", Required = true };
        var fstab = new Option<bool>("--fstab") { Description = "Also add a UUID= line to the server's /etc/fstab so it is mounted at boot" };
        var mount = Verb("mount", "Mount a block device's filesystem", out var mServer, out var mDevice, out var mYes);
        mount.Add(at); mount.Add(fstab);
        Set(mount, output, error, mYes, "mounting changes the server's filesystem tree", (ctx, disks, ct) =>
            disks.MountAsync(ctx.Parse.GetValue(mServer)!, ctx.Parse.GetValue(mDevice)!, ctx.Parse.GetValue(at)!, ctx.Parse.GetValue(fstab), ct));

        var unmount = Verb("unmount", "Unmount a block device from everywhere it is mounted", out var uServer, out var uDevice, out var uYes);
        Set(unmount, output, error, uYes, "unmounting takes the data away from whatever uses it", (ctx, disks, ct) =>
            disks.UnmountAsync(ctx.Parse.GetValue(uServer)!, ctx.Parse.GetValue(uDevice)!, ct));

        volume.Add(format); volume.Add(mount); volume.Add(unmount);
        return volume;
    }

    private static Command Verb(string name, string description, out Argument<string> server, out Argument<string> device, out Option<bool> yes)
    {
        server = new Argument<string>("server") { Description = "Server name" };
        device = new Argument<string>("device") { Description = "Block device under /dev (see `monitor server disks`)" };
        yes = new Option<bool>("--yes", "-y") { Description = "Do it (without --yes nothing changes)" };
        return new Command(name, description) { server, device, yes };
    }

    private static void Set(Command command, TextWriter output, TextWriter error, Option<bool> yes, string why,
        Func<CliContext, DiskService, CancellationToken, Task<VolumeResult>> run)
    {
        CliAction.Set(command, output, error, async (ctx, ct) =>
        {
            ctx.RequireWritable($"server volume {command.Name}");
            if (!ctx.Parse.GetValue(yes))
                throw new OperationFailedException($"{why}; add --yes to do it", "usage");
            var services = await ctx.ServicesAsync(ct);
            var result = await run(ctx, new DiskService(services.Directory!, services.Recorder!), ct);
            if (ctx.Json) { Output.Json(ctx.Out, result); return 0; }
            ctx.Out.WriteLine($"{result.Device}: {result.FsType ?? "no filesystem"}{(result.Uuid is null ? "" : $" UUID={result.Uuid}")}, " +
                (result.MountPoints.Count > 0 ? $"mounted at {string.Join(", ", result.MountPoints)}" : "not mounted"));
            if (result.FstabLine is not null) ctx.Out.WriteLine($"fstab: {result.FstabLine}");
            return 0;
        });
    }
}
