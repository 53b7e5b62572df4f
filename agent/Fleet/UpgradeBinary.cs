using System.Diagnostics;
using System.Runtime.InteropServices;
using Monitor.Agent.Dispatch;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Fleet;

/// <summary>The agent's own executable and the checks a new build passes before it replaces it: an executable for
/// this machine (ELF of this architecture, or a #! script), that answers <c>--version</c> as monitor-agent.</summary>
public static class UpgradeBinary
{
    public static readonly TimeSpan VersionTimeout = TimeSpan.FromSeconds(15);

    /// <summary>The file this process runs from, or why it cannot be upgraded in place.</summary>
    public static string Locate()
    {
        var path = Environment.ProcessPath;
        if (string.IsNullOrEmpty(path))
            throw new AgentRequestException(ErrorCodes.Conflict, "this agent cannot tell which file it runs from; upgrade it by hand");
        if (Path.GetFileNameWithoutExtension(path) == "dotnet")
            throw new AgentRequestException(ErrorCodes.Conflict,
                $"this agent runs under {path} (a framework-dependent monitor-agent.dll); upgrade replaces a monitor-agent executable: run the packaged agent (scripts/package.sh) or the apphost");
        return path;
    }

    public static string NewPath(string binary) => binary + ".new";

    public static string OldPath(string binary) => binary + ".old";

    public static string UploadPath(string binary) => binary + ".upload";

    /// <summary>Checks the uploaded file is an executable for this machine; returns the version it reports.</summary>
    public static async Task<string> CheckAsync(string path, UnixFileMode mode, CancellationToken ct)
    {
        var head = new byte[20];
        int read;
        await using (var file = File.OpenRead(path))
            read = await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct).ConfigureAwait(false);
        if (read >= 2 && head[0] == '#' && head[1] == '!') { }
        else if (read >= 20 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F')
        {
            var machine = BitConverter.ToUInt16(head, 18);
            if (ExpectedMachine() is { } expected && machine != expected)
                throw new AgentRequestException(ErrorCodes.InvalidArgument,
                    $"the new build is for another architecture (ELF machine {machine}); this server is {RuntimeInformation.ProcessArchitecture}: send the linux-{RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()} build");
        }
        else
            throw new AgentRequestException(ErrorCodes.InvalidArgument,
                "the new build is not an executable (neither ELF nor a #! script); send the monitor-agent file itself, not its package archive");
        File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute | UnixFileMode.UserRead);
        return await VersionOfAsync(path, ct).ConfigureAwait(false);
    }

    private static async Task<string> VersionOfAsync(string path, CancellationToken ct)
    {
        var info = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("--version");
        using var process = Process.Start(info) ?? throw new AgentRequestException(ErrorCodes.InvalidArgument, "the new build could not be started");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(VersionTimeout);
        try { await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false); }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw new AgentRequestException(ErrorCodes.InvalidArgument, $"the new build did not answer --version within {VersionTimeout.TotalSeconds:0} s");
        }
        var text = (await output.ConfigureAwait(false)).Trim();
        const string prefix = "monitor-agent ";
        if (process.ExitCode != 0 || !text.StartsWith(prefix, StringComparison.Ordinal))
        {
            var said = text.Length > 0 ? text : (await error.ConfigureAwait(false)).Trim();
            throw new AgentRequestException(ErrorCodes.InvalidArgument,
                $"the new build is not a working monitor-agent: `--version` exited {process.ExitCode}" + (said.Length > 0 ? $" and printed '{Shorten(said)}'" : ""));
        }
        return text[prefix.Length..].Split(' ', 2)[0];
    }

    private static ushort? ExpectedMachine() => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 62,
        Architecture.Arm64 => 183,
        Architecture.X86 => 3,
        Architecture.Arm => 40,
        _ => null,
    };

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "...";
}
