using System.Diagnostics;
using Monitor.Agent.Dispatch;
using Monitor.Shared.Models;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Stacks.Git;

/// <summary>SSH repos through the git CLI (the LibGit2Sharp native build has no SSH): argument lists, `--` before the
/// URL, no prompts (BatchMode). Host keys: pinned by the request's known_hosts lines when given (strict checking),
/// else trusted on first use into the agent's own known_hosts. A private key sent with the request lives in a 0600
/// file under the work dir only while git runs.</summary>
public sealed class GitCliTransport(string workDir, string? privateKey, string? knownHosts = null) : IGitTransport
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);

    public Task CloneAsync(string url, string path, string branch, CancellationToken ct) =>
        RunAsync(["clone", "--no-checkout", "--branch", branch, "--", url, path], workDir, url, ct);

    public Task FetchAsync(string path, CancellationToken ct) =>
        RunAsync(["fetch", "--prune", "origin"], path, null, ct);

    private async Task RunAsync(IReadOnlyList<string> args, string cwd, string? url, CancellationToken ct)
    {
        var sshDir = Directory.CreateDirectory(Path.Combine(workDir, "ssh")).FullName;
        using var key = privateKey is { Length: > 0 } ? SshKeyFile.Write(sshDir, privateKey) : null;
        using var pinned = knownHosts is { Length: > 0 } ? SshKeyFile.Write(sshDir, knownHosts) : null;
        var info = new ProcessStartInfo("git") { WorkingDirectory = cwd, RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["GIT_TERMINAL_PROMPT"] = "0";
        info.Environment["GIT_SSH_COMMAND"] = SshCommand(pinned?.Path ?? Path.Combine(sshDir, "known_hosts"), strict: pinned is not null, key?.Path);

        using var process = Process.Start(info) ?? throw new AgentRequestException(ErrorCodes.Internal, "could not start git; install git on the agent's server");
        var stderr = process.StandardError.ReadToEndAsync(ct);
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        try
        {
            await process.WaitForExitAsync(ct).ConfigureAwait(false);
            await Task.WhenAll(stderr, stdout).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            throw;
        }
        if (process.ExitCode != 0)
            throw new AgentRequestException(ErrorCodes.Internal, Failure(args[0], url, await stderr.ConfigureAwait(false)));
    }

    /// <summary>The ssh program line git runs; the paths are the agent's own (no quotes inside), quoted for git's shell.</summary>
    private static string SshCommand(string knownHosts, bool strict, string? keyPath)
    {
        var parts = new List<string> { "ssh", "-o", "BatchMode=yes", "-o", $"StrictHostKeyChecking={(strict ? "yes" : "accept-new")}", "-o", $"UserKnownHostsFile={Quote(knownHosts)}",
            "-o", $"ConnectTimeout={(int)ConnectTimeout.TotalSeconds}" };
        if (keyPath is not null) parts.AddRange(["-o", "IdentitiesOnly=yes", "-i", Quote(keyPath)]);
        return string.Join(' ', parts);
    }

    private static string Quote(string path) =>
        path.Contains('\'', StringComparison.Ordinal) ? throw new AgentRequestException(ErrorCodes.Internal, $"the agent's work dir path {path} contains a quote; choose another work_dir")
            : $"'{path}'";

    /// <summary>stderr lines that say nothing about this failure.</summary>
    private static readonly string[] Boilerplate = ["Warning: Permanently added", "Please make sure you have the correct access rights", "and the repository exists."];

    private static string Failure(string verb, string? url, string stderr)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !Boilerplate.Any(b => l.StartsWith(b, StringComparison.Ordinal))).TakeLast(3);
        var hint = stderr.Contains("Permission denied", StringComparison.Ordinal)
            ? "; check that the stack's ssh key (ssh_key_file / ssh_key_env) is authorized on the git server"
            : stderr.Contains("Host key verification failed", StringComparison.Ordinal)
                ? "; the git server's host key does not match ssh_known_hosts (or the key first trusted in the agent's work_dir/ssh/known_hosts): check it with ssh-keyscan, then fix the setting or remove the old line"
                : "; check the URL, branch and ssh key";
        return $"git {verb}{(url is null ? "" : " of " + GitUrl.Redact(url))} failed: {string.Join(" / ", lines)}{hint}";
    }
}
