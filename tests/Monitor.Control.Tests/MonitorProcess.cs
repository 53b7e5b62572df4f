using System.Diagnostics;
using Monitor.TestSupport;

namespace Monitor.Control.Tests;

/// <summary>Runs the real `monitor` as a separate process: the published NativeAOT console when it is current, else
/// the Debug apphost (<see cref="Monitor.TestSupport.ConsoleExecutable"/>).</summary>
internal static class MonitorProcess
{
    public static string Directory => Path.GetDirectoryName(Monitor.TestSupport.ConsoleExecutable.Path)!;

    /// <summary>The executable `monitor` (what a shell's completion calls by name).</summary>
    public static string Executable
    {
        get
        {
            var path = Monitor.TestSupport.ConsoleExecutable.Path;
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
}
