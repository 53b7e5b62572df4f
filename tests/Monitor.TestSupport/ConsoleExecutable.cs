namespace Monitor.TestSupport;

/// <summary>Which `monitor` the real-process tests run: MONITOR_TEST_EXECUTABLE when set; else the published console
/// (.state/publish/console/monitor, NativeAOT, what scripts/monitor runs) when it is at least as new as the Debug
/// build (scripts/setup.sh builds, then publishes); else the Debug apphost (console/bin/Debug/net10.0/monitor).</summary>
public static class ConsoleExecutable
{
    public static string Path
    {
        get
        {
            if (Environment.GetEnvironmentVariable("MONITOR_TEST_EXECUTABLE") is { Length: > 0 } configured) return configured;
            var root = RepoRoot();
            var debug = System.IO.Path.Combine(root, "console", "bin", "Debug", "net10.0", "monitor");
            var published = System.IO.Path.Combine(root, ".state", "publish", "console", "monitor");
            return File.Exists(published) && (!File.Exists(debug) || File.GetLastWriteTimeUtc(published) >= File.GetLastWriteTimeUtc(debug + ".dll"))
                ? published
                : debug;
        }
    }

    /// <summary>The published console, whether or not it is older than the Debug build.</summary>
    public static string Published => System.IO.Path.Combine(RepoRoot(), ".state", "publish", "console", "monitor");

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Monitor.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Monitor.sln not found above the test binaries");
    }
}
