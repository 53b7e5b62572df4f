using System.Diagnostics;
using System.Net;
using Monitor.Agent.Configuration;
using Monitor.Agent.Hosting;
using Monitor.Shared.Config;

namespace Monitor.Agent.Fleet;

/// <summary>The restart after an upgrade, without systemd's help and with a way back. The old process closes its
/// listener (and connections), starts the swapped binary detached (setsid, same arguments and environment, same
/// stdout/stderr) and waits until it answers on the agent's address with the agent's own TLS certificate. Healthy in
/// time: the old process exits (under systemd it first hands MAINPID to the new one). Not healthy: it kills the new
/// process (by its PID), renames &lt;binary&gt;.old back and listens again, so the old agent keeps serving.
/// Only Program (the real executable) enables it; an agent hosted in another process refuses upgrades.</summary>
public static class UpgradeHandover
{
    /// <summary>Lets the commit answer reach the console before the connections close.</summary>
    private static readonly TimeSpan AnswerGrace = TimeSpan.FromMilliseconds(300);
    private static readonly object Lock = new();
    private static string[]? s_args;
    private static TaskCompletionSource<UpgradeRestartPlan> s_requested = New();

    public static bool Enabled => Volatile.Read(ref s_args) is not null;

    /// <summary>Called by Program with its arguments (the new process gets the same).</summary>
    public static void Enable(string[] args) => Volatile.Write(ref s_args, args);

    internal static void Request(UpgradeRestartPlan plan)
    {
        lock (Lock) s_requested.TrySetResult(plan);
    }

    /// <summary>Serves until <paramref name="stop"/>; performs upgrade restarts in between. Returns the exit code.</summary>
    public static async Task<int> ServeAsync(AgentHost host, AgentConfig config, Task stop)
    {
        SystemdNotify.Send($"READY=1\nMAINPID={Environment.ProcessId}");
        while (true)
        {
            Task<UpgradeRestartPlan> requested;
            lock (Lock) requested = s_requested.Task;
            if (await Task.WhenAny(stop, requested).ConfigureAwait(false) == stop)
            {
                await host.DisposeAsync().ConfigureAwait(false);
                return 0;
            }
            var plan = await requested.ConfigureAwait(false);
            await Task.Delay(AnswerGrace).ConfigureAwait(false);
            var fingerprint = host.TlsFingerprint;
            await host.DisposeAsync().ConfigureAwait(false);
            Console.WriteLine($"monitor-agent: upgrade: stopped listening; starting {plan.Binary} ({plan.NewVersion})");
            var failure = await TryHandOverAsync(plan, config, fingerprint, stop).ConfigureAwait(false);
            if (failure is null) return 0;
            File.Move(plan.Backup, plan.Binary, overwrite: true);
            Console.Error.WriteLine($"monitor-agent: upgrade to {plan.NewVersion} failed: {failure}; restored {plan.Binary} ({AgentVersionInfo.Version}) and serving again");
            lock (Lock) s_requested = New();
            if (stop.IsCompleted) return 0;
            host = await AgentHost.StartAsync(config).ConfigureAwait(false);
        }
    }

    /// <summary>Starts the new binary and waits for it; null when it serves, else why not (it was killed).</summary>
    private static async Task<string?> TryHandOverAsync(UpgradeRestartPlan plan, AgentConfig config, string? fingerprint, Task stop)
    {
        Process child;
        try { child = StartDetached(plan.Binary); }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException)
        {
            return $"cannot start it: {e.Message}";
        }
        using (child)
        {
            var listen = ListenAddress.Parse(config.Listen);
            var reason = await UpgradeHealth.WaitAsync(child, Reachable(listen), config.Tls, fingerprint, plan.HealthTimeout, stop).ConfigureAwait(false);
            if (reason is null)
            {
                SystemdNotify.Send($"MAINPID={child.Id}");
                Console.WriteLine($"monitor-agent: upgrade: the new agent (pid {child.Id}, {plan.NewVersion}) answers; this process ({AgentVersionInfo.Version}, pid {Environment.ProcessId}) exits");
                return null;
            }
            if (!child.HasExited)
            {
                try { child.Kill(); } catch (InvalidOperationException) { }
                await child.WaitForExitAsync().ConfigureAwait(false);
            }
            return reason;
        }
    }

    /// <summary>setsid: the new agent leads its own session, so it outlives this process and its terminal. setsid(1)
    /// execs in place (a child of .NET is not a group leader), so the PID is the agent's.</summary>
    private static Process StartDetached(string binary)
    {
        var setsid = new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists);
        var info = new ProcessStartInfo(setsid ?? binary) { UseShellExecute = false };
        if (setsid is not null) info.ArgumentList.Add(binary);
        foreach (var arg in s_args ?? []) info.ArgumentList.Add(arg);
        return Process.Start(info) ?? throw new IOException("Process.Start returned nothing");
    }

    private static IPEndPoint Reachable(ListenAddress listen) => new(
        listen.Address.Equals(IPAddress.Any) ? IPAddress.Loopback : listen.Address.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback : listen.Address,
        listen.Port);

    private static TaskCompletionSource<UpgradeRestartPlan> New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
