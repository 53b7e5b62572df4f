using Monitor.Control.Fleet;
using Monitor.Control.Tui.Contexts;

namespace Monitor.Control.Tui.Panes;

/// <summary>Servers → add → over SSH: after the server's name, an <c>ssh://user@host[:port]</c> answer to "Agent URL"
/// asks for the SSH key, sudo, accepting an unknown host key and the agent build, then bootstraps the host through
/// the same service as `monitor server bootstrap`, its steps shown in the log pane as they finish.</summary>
internal sealed class BootstrapForm(IShell shell, LogsPane logs, Func<CancellationToken, Task> refresh)
{
    public const string Scheme = "ssh://";

    public static bool IsSshTarget(string value) => value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase);

    public void Start(string name, string sshUrl, string description)
    {
        BootstrapTarget target;
        try { target = BootstrapTarget.Parse(sshUrl[Scheme.Length..]); }
        catch (Services.OperationFailedException e) { shell.SetMessage(e.Message, error: true); return; }
        AskKey(new BootstrapRequest(name, target) { Description = description.Length == 0 ? null : description });
    }

    private void AskKey(BootstrapRequest request) =>
        shell.Prompt($"SSH key for {request.Target} (empty: ~/.ssh/id_ed25519, id_ecdsa, id_rsa)", request.KeyFiles.FirstOrDefault() ?? "", value =>
        {
            if (value.Length > 0 && !File.Exists(value)) { shell.SetMessage($"SSH key {value} does not exist.", error: true); AskKey(request); return; }
            AskSudo(request with { KeyFiles = value.Length == 0 ? [] : [value] });
        });

    private void AskSudo(BootstrapRequest request) =>
        AskYesNo($"Install with sudo on {request.Target.Host}? (y/n)", request.Sudo, sudo =>
            AskYesNo($"Accept {request.Target.Host}'s SSH host key if it is unknown (it is shown first)? (y/n)", request.AcceptNew, accept =>
                AskBuild(request with { Sudo = sudo, AcceptNew = accept })));

    private void AskBuild(BootstrapRequest request) =>
        shell.Prompt("Agent build (empty: the packaged monitor-agent)", request.AgentBuild ?? "", value =>
            Run(request with { AgentBuild = value.Length == 0 ? null : value }));

    private void AskYesNo(string question, bool initial, Action<bool> next) =>
        shell.Prompt(question, initial ? "y" : "n", value =>
        {
            switch (value.Trim().ToLowerInvariant())
            {
                case "y" or "yes": next(true); break;
                case "n" or "no" or "": next(false); break;
                default: shell.SetMessage($"Answer y or n, not '{value}'.", error: true); AskYesNo(question, initial, next); break;
            }
        });

    private void Run(BootstrapRequest request)
    {
        if (shell.Services.Bootstrap is not { } bootstrap) { shell.SetMessage("Bootstrap over SSH is not available in this console.", error: true); return; }
        var source = $"bootstrap {request.Name}";
        logs.BeginOutput($"bootstrap {request.Name} over SSH ({request.Target})");
        shell.Focus(PaneId.Logs);
        var progress = new InlineProgress<BootstrapStep>(step => logs.AppendOutput(source, step.Line));
        shell.RunBackground($"Bootstrap {request.Name} over SSH", async ct =>
        {
            var result = await bootstrap.BootstrapAsync(request, progress, ct).ConfigureAwait(false);
            shell.Post(() => shell.SetMessage($"{result.Server.Name} is online at {result.Server.Url} (TLS {result.TlsFingerprint} pinned)."));
            await refresh(ct).ConfigureAwait(false);
        });
    }
}
