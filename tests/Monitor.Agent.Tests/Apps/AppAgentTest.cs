using Monitor.Agent.Tests.Support;
using Monitor.Shared.Protocol;
using Monitor.TestSupport;

namespace Monitor.Agent.Tests.Apps;

/// <summary>Base of app tests: a real agent whose apps live in their own cgroup subtree (mt-apps-ID), removed with every
/// process in it at the end.</summary>
public abstract class AppAgentTest : IAsyncLifetime
{
    protected string CgroupParent { get; } = $"mt-apps-{Guid.NewGuid():N}"[..16];
    protected TestAgent Agent { get; private set; } = null!;
    protected RawAgentClient Client { get; set; } = null!;

    public virtual async Task InitializeAsync()
    {
        Agent = await TestAgent.StartAsync(c => c.AppsCgroup = CgroupParent);
        Client = await RawAgentClient.ConnectAuthenticatedAsync(Agent.Url, Agent.ConsoleKey);
    }

    public virtual async Task DisposeAsync()
    {
        try { await Client.RequestAsync(AgentMethods.AppApply, new AppApplyRequest([], Prune: true)); }
        catch (Exception) { /* the agent may be down in a failed test: the cgroup cleanup below still kills everything */ }
        await Client.DisposeAsync();
        await Agent.DisposeAsync();
        await AppCgroupCleanup.RemoveAsync(CgroupParent);
    }

    protected async Task ReconnectAsync()
    {
        await Client.DisposeAsync();
        Client = await RawAgentClient.ConnectAuthenticatedAsync(Agent.Url, Agent.ConsoleKey);
    }

    protected Task<AppApplyResult> ApplyAsync(params AppSpec[] apps) => Client.RequestAsync(AgentMethods.AppApply, new AppApplyRequest(apps));

    protected async Task<AppStatus> StatusAsync(string name) => (await Client.RequestAsync(AgentMethods.AppShow, new AppRef(name))).Status;

    protected async Task<string> LogAsync(string name)
    {
        var frames = await Client.StreamAsync(AgentMethods.AppLogs, new AppLogRequest(name));
        Assert.True(frames.Succeeded, frames.Error?.Message);
        return string.Join("\n", frames.Items.SelectMany(b => b.Lines).Select(l => l.Text));
    }

    /// <summary>Polls the app's status until <paramref name="done"/> holds (deadline 30 s); returns that status.</summary>
    protected async Task<AppStatus> WaitForAsync(string name, Func<AppStatus, bool> done, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        AppStatus status;
        while (!done(status = await StatusAsync(name)))
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"app {name}: {what} did not happen in 30 s; last status {status}");
            await Task.Delay(50);
        }
        return status;
    }

    protected async Task WaitForLogAsync(string name, string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await LogAsync(name)).Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"app {name}: '{text}' did not appear in its log in 30 s");
            await Task.Delay(50);
        }
    }

    protected static bool Alive(int pid) => File.Exists($"/proc/{pid}/stat") && !File.ReadAllText($"/proc/{pid}/stat").Split(") ")[1].StartsWith('Z');
}
