using System.Diagnostics;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Apps;

/// <summary>Starts an app as a process the agent does not hold on to: /bin/sh joins the app's cgroup (writing its own
/// PID to each cgroup.procs), points stdout/stderr at the app's log file and execs `setsid [setpriv] COMMAND...`, so the
/// PID the agent sees is the app's and the app neither shares the agent's session nor writes into a pipe that would
/// break when the agent dies. Everything operator-given travels as arguments, never inside the script text.</summary>
internal static class AppLauncher
{
    private const string Script =
        "log=$1; shift\n" +
        "while [ \"$1\" != \"--\" ]; do echo $$ > \"$1\" || exit 125; shift; done\n" +
        "shift\n" +
        "exec \"$@\" >>\"$log\" 2>&1 </dev/null\n";

    private const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public static Process Start(AppSpec spec, AppPaths paths, IAppCgroup cgroup)
    {
        Directory.CreateDirectory(paths.Dir);
        var cwd = spec.Cwd ?? paths.Dir;
        if (!Directory.Exists(cwd))
            throw new Dispatch.AgentRequestException(ErrorCodes.InvalidArgument, $"app {spec.Name}: cwd '{cwd}' does not exist on this server; create it or change cwd");
        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = cwd };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(Script);
        info.ArgumentList.Add("monitor-app");
        info.ArgumentList.Add(paths.LogFile);
        foreach (var procs in cgroup.ProcsFiles) info.ArgumentList.Add(procs);
        info.ArgumentList.Add("--");
        info.ArgumentList.Add("setsid");
        if (spec.User is { } user)
        {
            info.ArgumentList.Add("setpriv");
            info.ArgumentList.Add($"--reuid={user}");
            info.ArgumentList.Add($"--regid={PrimaryGroup(user)}");
            info.ArgumentList.Add("--init-groups");
            info.ArgumentList.Add("--");
        }
        foreach (var arg in spec.Command) info.ArgumentList.Add(arg);

        info.Environment.Clear();
        info.Environment["PATH"] = DefaultPath;
        info.Environment["LANG"] = "C.UTF-8";
        info.Environment["USER"] = spec.User ?? "root";
        info.Environment["HOME"] = Home(spec.User ?? "root") ?? "/";
        info.Environment["MONITOR_APP"] = spec.Name;
        foreach (var (k, v) in spec.Env ?? new Dictionary<string, string>()) info.Environment[k] = v;
        foreach (var (k, v) in spec.SecretEnv ?? new Dictionary<string, string>()) info.Environment[k] = v;
        return Process.Start(info) ?? throw new InvalidOperationException($"app {spec.Name}: the process did not start");
    }

    private static string[]? Passwd(string user) =>
        File.Exists("/etc/passwd")
            ? File.ReadLines("/etc/passwd").Select(l => l.Split(':')).FirstOrDefault(f => f.Length >= 7 && f[0] == user)
            : null;

    private static string PrimaryGroup(string user) =>
        Passwd(user) is { } fields ? fields[3]
            : throw new Dispatch.AgentRequestException(ErrorCodes.InvalidArgument, $"user '{user}' does not exist on this server; create it or change user");

    private static string? Home(string user) => Passwd(user) is { } fields ? fields[5] : null;
}
