using System.Diagnostics;

namespace Monitor.TestSupport;

/// <summary>A real loop device (`losetup -f --show`) over a sparse file under /tmp, for the volume tests. Disposing
/// unmounts whatever is still mounted from it, detaches it and deletes the file.</summary>
public sealed class LoopDevice : IAsyncDisposable
{
    private readonly string _file;

    private LoopDevice(string file, string path) { _file = file; Path = path; }

    public string Path { get; }

    public static async Task<LoopDevice> CreateAsync(long sizeBytes = 32L << 20)
    {
        var file = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"mt-volumes-{Guid.NewGuid():N}.img");
        await using (var stream = File.Create(file)) stream.SetLength(sizeBytes);
        var (code, output, error) = await RunAsync("losetup", "-f", "--show", file);
        if (code != 0) { File.Delete(file); throw new InvalidOperationException($"losetup failed: {error}"); }
        return new LoopDevice(file, output.Trim());
    }

    /// <summary>The filesystem type blkid reads from the device itself, or null.</summary>
    public async Task<string?> FsTypeAsync()
    {
        var (code, output, _) = await RunAsync("blkid", "-p", "-s", "TYPE", "-o", "value", Path);
        return code == 0 ? output.Trim() : null;
    }

    public static async Task<(int Code, string Output, string Error)> RunAsync(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var line in File.ReadAllLines("/proc/self/mounts").Select(l => l.Split(' ')).Where(p => p.Length > 1 && p[0] == Path).Reverse())
            await RunAsync("umount", line[1].Replace("\\040", " "));
        await RunAsync("losetup", "-d", Path);
        File.Delete(_file);
    }
}
