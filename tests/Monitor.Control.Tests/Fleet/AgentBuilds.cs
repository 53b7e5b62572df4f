using System.Diagnostics;
using System.Security.Cryptography;

namespace Monitor.Control.Tests.Fleet;

/// <summary>The agent builds upgrade tests need: the current one (agent/bin/Debug, apphost + dll, reports the
/// project's version) and a NEXT one: the same source published as one framework-dependent file with another
/// -p:Version, made once per agent build and kept under .state/test-builds (its own artifacts path, so the normal
/// build outputs are never touched).</summary>
internal static class AgentBuilds
{
    public const string NextVersion = "99.0.0-upgradetest";
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Monitor.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("Monitor.sln not found above the test binaries");
        }
    }

    public static string CurrentBuildDirectory
    {
        get
        {
            var dir = Path.Combine(RepoRoot, "agent", "bin", "Debug", "net10.0");
            Assert.True(File.Exists(Path.Combine(dir, "monitor-agent")), $"build the agent first: {dir}/monitor-agent is missing");
            return dir;
        }
    }

    /// <summary>The path of the single-file agent that reports <see cref="NextVersion"/>.</summary>
    public static async Task<string> NextAsync()
    {
        var stamp = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(CurrentBuildDirectory, "monitor-agent.dll"))))[..16];
        var root = Path.Combine(RepoRoot, ".state", "test-builds", $"agent-{stamp}");
        var file = Path.Combine(root, "out", "monitor-agent");
        await Gate.WaitAsync();
        try
        {
            if (File.Exists(file)) return file;
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[] { "publish", Path.Combine(RepoRoot, "agent", "Monitor.Agent.csproj"), "-c", "Release", "-r", "linux-x64",
                         "--self-contained", "false", "-p:PublishSingleFile=true", "-p:IncludeNativeLibrariesForSelfExtract=true", "-p:PublishAot=false", $"-p:Version={NextVersion}",
                         "-p:DebugType=none", "--artifacts-path", Path.Combine(root, "artifacts"), "-o", Path.Combine(root, "publish"), "-nologo", "-v", "q" })
                info.ArgumentList.Add(arg);
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"publishing the next agent build failed: {await output}{await error}");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.Copy(Path.Combine(root, "publish", "monitor-agent"), file + ".tmp", overwrite: true);
            File.Move(file + ".tmp", file, overwrite: true);
            Directory.Delete(Path.Combine(root, "artifacts"), recursive: true);
            // Builds of earlier agent sources are not needed any more.
            foreach (var stale in Directory.EnumerateDirectories(Path.GetDirectoryName(root)!, "agent-*").Where(d => d != root))
                try { Directory.Delete(stale, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            return file;
        }
        finally { Gate.Release(); }
    }
}
