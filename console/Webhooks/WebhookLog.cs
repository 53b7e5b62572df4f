using System.Globalization;
using System.Text;

namespace Monitor.Control.Webhooks;

/// <summary>The serve log: one line per delivery (time, provider, stack, branch, commit, delivery, status, outcome)
/// and one per deploy it started and finished. Values that came from the request are stripped of control characters
/// so a crafted branch name cannot forge log lines. Secrets never reach it.</summary>
public sealed class WebhookLog(TextWriter writer, TimeProvider? clock = null)
{
    private readonly object _gate = new();
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public void Delivery(WebhookAnswer answer) =>
        Write($"{answer.Provider ?? "-"} stack={Clean(answer.Stack)} branch={Clean(answer.Reply.Branch)} commit={ShortCommit(answer.Reply.Commit)} " +
              $"delivery={Clean(answer.DeliveryId)} status={answer.Status.ToString(CultureInfo.InvariantCulture)} outcome={Clean(answer.Outcome, keepSpaces: true)}");

    public void Deploy(DeployRequest request, string outcome) =>
        Write($"{request.Provider} stack={request.Stack} branch={Clean(request.Branch)} commit={ShortCommit(request.Commit)} delivery={Clean(request.DeliveryId)} deploy {Clean(outcome, keepSpaces: true)}");

    public void Note(string text) => Write(text);

    private void Write(string line)
    {
        var time = _clock.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        lock (_gate)
        {
            writer.WriteLine($"{time} webhook {line}");
            writer.Flush();
        }
    }

    internal static string ShortCommit(string? commit) => commit is null ? "-" : Clean(commit[..Math.Min(12, commit.Length)]);

    internal static string Clean(string? value, bool keepSpaces = false)
    {
        if (string.IsNullOrEmpty(value)) return "-";
        var text = new StringBuilder(value.Length);
        foreach (var c in value.Take(keepSpaces ? 2000 : 200)) text.Append(char.IsControl(c) || (c == ' ' && !keepSpaces) ? '_' : c);
        return text.ToString();
    }
}
