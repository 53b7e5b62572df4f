using System.Diagnostics;
using Monitor.Agent.Dispatch;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Volumes;

/// <summary>Runs a host tool (lsblk, blkid, mkfs, mount) with an argument list, never a shell string.</summary>
public static class ToolRunner
{
    public sealed record ToolResult(int ExitCode, string Output, string Error);

    public static async Task<ToolResult> RunAsync(string program, IEnumerable<string> args, CancellationToken ct)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        Process process;
        try { process = Process.Start(info) ?? throw new InvalidOperationException(program); }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new AgentRequestException(ErrorCodes.Internal, $"could not start {program}; install it on the agent's server (util-linux, e2fsprogs)");
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            var stderr = process.StandardError.ReadToEndAsync(ct);
            try
            {
                await process.WaitForExitAsync(ct).ConfigureAwait(false);
                return new ToolResult(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
            }
            catch (OperationCanceledException)
            {
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                throw;
            }
        }
    }

    /// <summary>Runs the tool and throws a clear error naming it when it fails.</summary>
    public static async Task<ToolResult> RunCheckedAsync(string program, IReadOnlyList<string> args, CancellationToken ct)
    {
        var result = await RunAsync(program, args, ct).ConfigureAwait(false);
        if (result.ExitCode != 0)
            throw new AgentRequestException(ErrorCodes.Internal, $"{program} {string.Join(' ', args)} failed (exit {result.ExitCode}): {result.Error.Trim()}");
        return result;
    }
}
