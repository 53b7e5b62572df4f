using System.Diagnostics;
using System.Text.Json;
using Monitor.TestSupport;

namespace Monitor.Watch.Tests;

/// <summary>A real local SMTP server (Debian's python3-aiosmtpd) standing in for a mail relay: every message it
/// accepts is written as JSON (envelope from, recipients, raw data) into a directory; with <c>refuse</c> it answers
/// every DATA with 554 and counts the attempts.</summary>
internal sealed class SmtpSink : IDisposable
{
    private const string Script = """
        import sys, os, json
        from aiosmtpd.controller import Controller
        out, port, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3]
        class Handler:
            n = 0
            async def handle_DATA(self, server, session, envelope):
                Handler.n += 1
                if mode == 'refuse':
                    open(os.path.join(out, 'refused-%d' % Handler.n), 'w').close()
                    return '554 5.0.0 refused by the test sink'
                tmp = os.path.join(out, '.%d.tmp' % Handler.n)
                with open(tmp, 'w') as f:
                    json.dump({'from': envelope.mail_from, 'to': envelope.rcpt_tos, 'data': envelope.content.decode('utf8', 'replace')}, f)
                os.rename(tmp, os.path.join(out, '%d.json' % Handler.n))
                return '250 OK'
        c = Controller(Handler(), hostname='127.0.0.1', port=port)
        c.start()
        print('ready', flush=True)
        sys.stdin.read()
        c.stop()
        """;

    private readonly TempDirectory _dir = new();
    private readonly Process _process;

    private SmtpSink(bool refuse)
    {
        Port = FreePort.Next();
        // Debian's python, which has python3-aiosmtpd (not a pyenv one that may come first on PATH).
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-c", Script, _dir.Path, Port.ToString(System.Globalization.CultureInfo.InvariantCulture), refuse ? "refuse" : "accept" })
            start.ArgumentList.Add(a);
        _process = Process.Start(start)!;
    }

    public int Port { get; }

    public static async Task<SmtpSink> StartAsync(bool refuse = false)
    {
        var sink = new SmtpSink(refuse);
        var line = await sink._process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (line != "ready") throw new InvalidOperationException($"the SMTP sink did not start: {await sink._process.StandardError.ReadToEndAsync()}");
        return sink;
    }

    public IReadOnlyList<JsonElement> Messages =>
        Directory.GetFiles(_dir.Path, "*.json").Order(StringComparer.Ordinal).Select(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement.Clone()).ToList();

    public int Refused => Directory.GetFiles(_dir.Path, "refused-*").Length;

    public void Dispose()
    {
        try { _process.StandardInput.Close(); if (!_process.WaitForExit(5000)) _process.Kill(); } catch (InvalidOperationException) { }
        _process.Dispose();
        _dir.Dispose();
    }
}
