using System.Diagnostics;

namespace Monitor.Control.Tests;

/// <summary>Runs the real built `monitor` (console/bin/Debug/net10.0) as a separate process.</summary>
internal static class MonitorProcess
{
    public static string Directory => Path.Combine(RepoRoot(), "console", "bin", "Debug", "net10.0");

    /// <summary>The apphost `monitor` (what a shell's completion calls by name).</summary>
    public static string Executable
    {
        get
        {
            var path = Path.Combine(Directory, "monitor");
            Assert.True(File.Exists(path), $"build the console first: {path} is missing");
            return path;
        }
    }

    public static ProcessStartInfo StartInfo(params string[] args)
    {
        var info = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        return info;
    }

    public static async Task<CliResult> RunAsync(params string[] args) => await RunAsync(StartInfo(args));

    public static async Task<CliResult> RunAsync(ProcessStartInfo info)
    {
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Monitor.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Monitor.sln not found above the test binaries");
    }
}
