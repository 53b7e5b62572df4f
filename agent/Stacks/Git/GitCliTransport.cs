using Monitor.Agent.Dispatch;
using Monitor.Shared.Models;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Stacks.Git;

/// <summary>Clone and fetch through the git CLI for every kind of URL. (LibGit2Sharp was used for https and local
/// repos until the agent became NativeAOT: its native-library resolver looks beside Assembly.Location, which is empty
/// in a single-file native binary, its native build has no SSH, and the CLI is on every server that builds images.)
/// Argument lists, `--` before the URL, no prompts. SSH: BatchMode; host keys pinned by the request's known_hosts
/// lines when given (strict checking), else trusted on first use into the agent's own known_hosts; a private key sent
/// with the request lives in a 0600 file under the work dir only while git runs. https with a token: git asks a fixed
/// askpass script, which prints the user name and token from git's environment (never from argv, a file or a log).</summary>
public sealed class GitCliTransport(string workDir, GitCredentials? credentials, string? knownHosts = null)
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);

    public Task CloneAsync(string url, string path, string branch, CancellationToken ct) =>
        RunAsync(["clone", "--no-checkout", "--branch", branch, "--", url, path], workDir, url, ct);

    public Task FetchAsync(string path, string url, CancellationToken ct) =>
        RunAsync(["fetch", "--prune", "origin"], path, url, ct);

    private async Task RunAsync(IReadOnlyList<string> args, string cwd, string url, CancellationToken ct)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        var secretsDir = Directory.CreateDirectory(Path.Combine(workDir, "ssh")).FullName;
        SshKeyFile? key = null, pinned = null;
        try
        {
            if (GitUrl.IsSsh(url))
            {
                key = credentials?.SshPrivateKey is { Length: > 0 } privateKey ? SshKeyFile.Write(secretsDir, privateKey) : null;
                pinned = knownHosts is { Length: > 0 } ? SshKeyFile.Write(secretsDir, knownHosts) : null;
                environment["GIT_SSH_COMMAND"] = SshCommand(pinned?.Path ?? Path.Combine(secretsDir, "known_hosts"), strict: pinned is not null, key?.Path);
            }
            else if (credentials?.Token is { Length: > 0 } token)
            {
                environment["GIT_ASKPASS"] = AskPassScript(secretsDir);
                environment["MONITOR_GIT_USERNAME"] = credentials.Username ?? "git";
                environment["MONITOR_GIT_TOKEN"] = token;
            }
            var run = await GitRun.ExecAsync(args, cwd, environment, ct).ConfigureAwait(false);
            if (!run.Succeeded) throw new AgentRequestException(ErrorCodes.Internal, Failure(args[0], url, run.Stderr));
        }
        finally
        {
            key?.Dispose();
            pinned?.Dispose();
        }
    }

    /// <summary>The askpass program: holds no secret itself, so it can stay on disk (0700).</summary>
    private static string AskPassScript(string directory)
    {
        var path = Path.Combine(directory, "askpass.sh");
        const string script = "#!/bin/sh\ncase \"$1\" in\n  Username*) printf '%s\\n' \"$MONITOR_GIT_USERNAME\" ;;\n  *) printf '%s\\n' \"$MONITOR_GIT_TOKEN\" ;;\nesac\n";
        if (!File.Exists(path) || File.ReadAllText(path) != script)
        {
            var temp = path + ".tmp";
            File.WriteAllText(temp, script);
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            File.Move(temp, path, overwrite: true);
        }
        return path;
    }

    /// <summary>The ssh program line git runs; the paths are the agent's own (no quotes inside), quoted for git's shell.</summary>
    private static string SshCommand(string knownHostsPath, bool strict, string? keyPath)
    {
        var parts = new List<string> { "ssh", "-o", "BatchMode=yes", "-o", $"StrictHostKeyChecking={(strict ? "yes" : "accept-new")}", "-o", $"UserKnownHostsFile={Quote(knownHostsPath)}",
            "-o", $"ConnectTimeout={(int)ConnectTimeout.TotalSeconds}" };
        if (keyPath is not null) parts.AddRange(["-o", "IdentitiesOnly=yes", "-i", Quote(keyPath)]);
        return string.Join(' ', parts);
    }

    private static string Quote(string path) =>
        path.Contains('\'', StringComparison.Ordinal) ? throw new AgentRequestException(ErrorCodes.Internal, $"the agent's work dir path {path} contains a quote; choose another work_dir")
            : $"'{path}'";

    /// <summary>stderr lines that say nothing about this failure.</summary>
    private static readonly string[] Boilerplate = ["Warning: Permanently added", "Please make sure you have the correct access rights", "and the repository exists."];

    private static string Failure(string verb, string url, string stderr)
    {
        var redacted = GitUrl.Redact(url);
        var lines = stderr.Replace(url, redacted, StringComparison.Ordinal).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !Boilerplate.Any(b => l.StartsWith(b, StringComparison.Ordinal))).TakeLast(3);
        var hint = stderr.Contains("Permission denied", StringComparison.Ordinal)
            ? "; check that the stack's ssh key (ssh_key_file / ssh_key_env) is authorized on the git server"
            : stderr.Contains("Host key verification failed", StringComparison.Ordinal)
                ? "; the git server's host key does not match ssh_known_hosts (or the key first trusted in the agent's work_dir/ssh/known_hosts): check it with ssh-keyscan, then fix the setting or remove the old line"
                : GitUrl.IsSsh(url) ? "; check the URL, branch and ssh key" : "; check the URL, branch and credentials";
        return $"git {verb} of {redacted} failed: {string.Join(" / ", lines)}{hint}";
    }
}
