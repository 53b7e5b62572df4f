using System.Diagnostics;
using Monitor.TestSupport;

namespace Monitor.Control.Tests.Published;

/// <summary>The published console scripts/setup.sh makes (.state/publish/console/monitor, NativeAOT), run as a process.</summary>
internal static class PublishedConsole
{
    public static string Executable
    {
        get
        {
            var path = Monitor.TestSupport.ConsoleExecutable.Published;
            Assert.True(File.Exists(path), $"{path} is missing; scripts/setup.sh publishes it (dotnet publish console -c Release -r linux-x64)");
            return path;
        }
    }

    public static async Task<CliResult> RunAsync(params string[] args)
    {
        var info = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        return await MonitorProcess.RunAsync(info);
    }
}
