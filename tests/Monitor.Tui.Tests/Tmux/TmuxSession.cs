using System.Diagnostics;

namespace Monitor.Tui.Tests.Tmux;

/// <summary>A private tmux server running one program: type with <see cref="Send"/>, read the screen with
/// <see cref="Capture"/>, wait for text with a deadline. Only the tmux server it started is killed.</summary>
internal sealed class TmuxSession : IDisposable
{
    private readonly string _socket = "mt-tui-" + Guid.NewGuid().ToString("N")[..8];
    private string _socketPath = "";

    private TmuxSession() { }

    public static TmuxSession Start(string command, int width = 120, int height = 35)
    {
        var session = new TmuxSession();
        session.Tmux("new-session", "-d", "-x", width.ToString(), "-y", height.ToString(), "-e", "TERM=xterm-256color", command);
        session._socketPath = session.Tmux("display-message", "-p", "#{socket_path}").Trim();
        return session;
    }

    public string Capture() => Tmux("capture-pane", "-p");

    /// <summary>Sends keys as tmux names them (e.g. "Enter", "Escape") or literal text with <paramref name="literal"/>.</summary>
    public void Send(string keys, bool literal = false)
    {
        if (literal) Tmux("send-keys", "-l", keys); else Tmux("send-keys", keys);
    }

    public void Resize(int width, int height) => Tmux("resize-window", "-x", width.ToString(), "-y", height.ToString());

    public async Task<string> WaitForAsync(Func<string, bool> condition, string what, int seconds = 40)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        var screen = "";
        while (DateTime.UtcNow < deadline)
        {
            screen = Capture();
            if (condition(screen)) return screen;
            await Task.Delay(200);
        }
        throw new Xunit.Sdk.XunitException($"timed out waiting for {what}; the screen was:\n{screen}");
    }

    public Task<string> WaitForTextAsync(string text, int seconds = 40) => WaitForAsync(s => s.Contains(text, StringComparison.Ordinal), $"'{text}'", seconds);

    private string Tmux(params string[] args)
    {
        var info = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-L"); info.ArgumentList.Add(_socket);
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return output;
    }

    /// <summary>Kills this session's tmux server and removes its socket file (tmux leaves it behind).</summary>
    public void Dispose()
    {
        Tmux("kill-server");
        if (_socketPath.EndsWith(_socket, StringComparison.Ordinal) && File.Exists(_socketPath)) File.Delete(_socketPath);
    }
}
