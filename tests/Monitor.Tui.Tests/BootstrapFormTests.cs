using Monitor.Control.Agents;
using Monitor.Control.Fleet;
using Monitor.Shared.Models;
using Terminal.Gui.Input;

namespace Monitor.Tui.Tests;

/// <summary>Servers → add → over SSH: the form asks name, ssh://user@host, key, sudo, accept-new and agent build,
/// hands them to the bootstrap service (a recording stand-in here; the real bootstrap is tested against a namespace
/// host in Monitor.Control.Tests/Bootstrap) and shows its steps in the log pane as they come.</summary>
public sealed class BootstrapFormTests
{
    [Fact]
    public void Add_over_ssh_asks_the_form_runs_the_bootstrap_and_shows_each_step()
    {
        using var h = new TuiHarness(width: 120, height: 30);
        h.ServerService.Put("web-01", AgentConnectionState.Online);
        h.Refresh();
        var bootstrap = new RecordingBootstrap();
        h.Services.Bootstrap = bootstrap;
        using var keyDir = new Monitor.TestSupport.TempDirectory();
        var key = keyDir.File("id_ed25519");
        File.WriteAllText(key, "not read by the stand-in");

        h.Type("a");
        h.Type("edge-01").Press(Key.Enter);
        h.WaitForText("ssh://user@host");
        for (var i = 0; i < 5; i++) h.Press(Key.Backspace);
        h.Type("ssh://root@10.9.8.7:2222").Press(Key.Enter);
        h.WaitForText("SSH key for root@10.9.8.7:2222");
        h.Type("/no/such/key").Press(Key.Enter);
        h.WaitForText("SSH key /no/such/key does not exist.");
        for (var i = 0; i < "/no/such/key".Length; i++) h.Press(Key.Backspace);
        h.Type(key).Press(Key.Enter);
        h.WaitForText("Install with sudo on 10.9.8.7?");
        h.Press(Key.Backspace).Type("maybe").Press(Key.Enter);
        h.WaitForText("Answer y or n, not 'maybe'.");
        for (var i = 0; i < 5; i++) h.Press(Key.Backspace);
        h.Type("y").Press(Key.Enter);
        h.WaitForText("SSH host key if it is unknown");
        h.Press(Key.Backspace).Type("y").Press(Key.Enter);
        h.WaitForText("Agent build");
        h.Press(Key.Enter);

        h.WaitForText("edge-01 is online at wss://10.9.8.7:8120");
        var request = Assert.Single(bootstrap.Requests);
        Assert.Equal(("edge-01", "root", "10.9.8.7", 2222), (request.Name, request.Target.User, request.Target.Host, request.Target.Port));
        Assert.Equal([key], request.KeyFiles);
        Assert.True(request.Sudo);
        Assert.True(request.AcceptNew);
        Assert.Null(request.AgentBuild);
        var screen = h.WaitForText("[7/7] online");
        Assert.Contains("[1/7] connect", screen);
    }

    private sealed class RecordingBootstrap : IServerBootstrap
    {
        public List<BootstrapRequest> Requests { get; } = [];

        public Task<BootstrapResult> BootstrapAsync(BootstrapRequest request, IProgress<BootstrapStep> progress, CancellationToken ct)
        {
            Requests.Add(request);
            string[] names = ["connect", "check", "host", "upload", "config", "start", "online"];
            var steps = names.Select((n, i) => new BootstrapStep(i + 1, n, "done", $"{n} of {request.Target.Host}", 0.01)).ToList();
            foreach (var step in steps) progress.Report(step);
            var server = new ServerInfo { Name = request.Name, Url = $"wss://{request.Target.Host}:8120", TlsFingerprint = "SHA256:stand-in" };
            return Task.FromResult(new BootstrapResult(server, "SHA256:stand-in", "background", steps));
        }
    }
}
