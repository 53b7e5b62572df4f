using Monitor.Shared.Models;
using Monitor.TestSupport;

namespace Monitor.Control.Tests.Volumes;

/// <summary>`monitor server disks` and `monitor server volume` on a real loop device through a real agent.</summary>
public sealed class VolumeCliTests
{
    [Fact]
    public async Task Format_mount_and_unmount_a_loop_device_with_refusals_of_a_formatted_and_a_mounted_one()
    {
        using var dir = new TempDirectory();
        var fstab = dir.File("fstab");
        await File.WriteAllTextAsync(fstab, "# static file system information\n");
        await using var console = await ConsoleHarness.StartAsync(configureAgent: c => c.Fstab = fstab);
        await using var loop = await LoopDevice.CreateAsync();
        var mountPoint = dir.File("data");

        var disks = await console.JsonAsync("server", "disks", "local");
        Assert.Contains(disks.GetProperty("devices").EnumerateArray(), d => d.GetProperty("path").GetString() == loop.Path);

        var unconfirmed = await console.RunAsync("server", "volume", "format", "local", loop.Path);
        Assert.NotEqual(0, unconfirmed.ExitCode);
        Assert.Contains("--yes", unconfirmed.Error);
        Assert.Null(await loop.FsTypeAsync());

        var formatted = await console.JsonAsync("server", "volume", "format", "local", loop.Path, "--yes");
        Assert.Equal("ext4", formatted.GetProperty("fsType").GetString());
        var uuid = formatted.GetProperty("uuid").GetString()!;
        Assert.Equal("ext4", await loop.FsTypeAsync());

        var again = await console.RunAsync("server", "volume", "format", "local", loop.Path, "--yes");
        Assert.NotEqual(0, again.ExitCode);
        Assert.Contains("already holds a ext4 filesystem", again.Error);
        Assert.Contains("--force", again.Error);

        var mounted = await console.JsonAsync("server", "volume", "mount", "local", loop.Path, "--at", mountPoint, "--fstab", "--yes");
        Assert.Equal([mountPoint], mounted.GetProperty("mountPoints").EnumerateArray().Select(m => m.GetString()).ToArray());
        Assert.Contains(File.ReadAllLines("/proc/self/mounts"), l => l.StartsWith($"{loop.Path} {mountPoint} ext4 ", StringComparison.Ordinal));
        Assert.Contains($"UUID={uuid} {mountPoint} ext4 defaults,nofail 0 2", File.ReadAllLines(fstab));
        Assert.StartsWith("# static", File.ReadAllText(fstab));

        var whileMounted = await console.RunAsync("server", "volume", "format", "local", loop.Path, "--force", "--yes");
        Assert.NotEqual(0, whileMounted.ExitCode);
        Assert.Contains($"is mounted at {mountPoint}", whileMounted.Error);

        var unmounted = await console.JsonAsync("server", "volume", "unmount", "local", loop.Path, "--yes");
        Assert.Empty(unmounted.GetProperty("mountPoints").EnumerateArray());
        Assert.DoesNotContain(File.ReadAllLines("/proc/self/mounts"), l => l.StartsWith(loop.Path + " ", StringComparison.Ordinal));

        var forced = await console.JsonAsync("server", "volume", "format", "local", loop.Path, "--force", "--yes");
        Assert.NotEqual(uuid, forced.GetProperty("uuid").GetString());

        var history = (await console.JsonAsync("history", "--type", VolumeActionTypes.Format)).EnumerateArray().ToList();
        Assert.Contains(history, r => r.GetProperty("success").GetBoolean() && r.GetProperty("target").GetString() == loop.Path);
        Assert.Contains(history, r => !r.GetProperty("success").GetBoolean());
        Assert.Single((await console.JsonAsync("history", "--type", VolumeActionTypes.Mount)).EnumerateArray());
    }

    [Fact]
    public async Task A_path_outside_dev_and_a_relative_mount_point_are_refused_with_a_clear_error()
    {
        await using var console = await ConsoleHarness.StartAsync();
        var link = Path.Combine(console.Agent.WorkDir, "disk");
        File.CreateSymbolicLink(link, "/etc/passwd");
        var outside = await console.RunAsync("server", "volume", "format", "local", link, "--yes");
        Assert.NotEqual(0, outside.ExitCode);
        Assert.Contains("is not a device", outside.Error);
        var trick = await console.RunAsync("server", "volume", "format", "local", "/dev/null", "--yes");
        Assert.Contains("is not a block device", trick.Error);
        await using var loop = await LoopDevice.CreateAsync();
        var lookalike = Path.Combine("/dev/shm", Path.GetFileName(loop.Path));
        await File.WriteAllTextAsync(lookalike, "");
        try { Assert.Contains("is not a block device", (await console.RunAsync("server", "volume", "format", "local", lookalike, "--yes")).Error); }
        finally { File.Delete(lookalike); }
        var relative = await console.RunAsync("server", "volume", "mount", "local", loop.Path, "--at", "data", "--yes");
        Assert.Contains("must be an absolute path", relative.Error);
    }
}
