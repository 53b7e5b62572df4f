using System.Text;

namespace Monitor.Shared.Security;

/// <summary>The exact bytes a console signs to prove it holds its key. The nonce is fresh per connection and the
/// connection id binds the signature to that one socket, so a captured signature cannot be replayed.</summary>
public static class AuthChallenge
{
    public const string Domain = "monitor-agent-auth-v1";

    public static byte[] BuildMessage(string nonce, string connectionId, int protocolVersion) =>
        Encoding.UTF8.GetBytes($"{Domain}\n{protocolVersion}\n{connectionId}\n{nonce}");
}
