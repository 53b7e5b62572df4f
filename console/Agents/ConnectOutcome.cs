using Monitor.Shared.Protocol;

namespace Monitor.Control.Agents;

/// <summary>How one connect-and-authenticate attempt ended; <see cref="Error"/> is said for people.</summary>
internal sealed record ConnectOutcome(bool Ok, bool AuthFailed, string? Error, AuthOkPayload? Agent)
{
    public static ConnectOutcome Success(AuthOkPayload agent) => new(true, false, null, agent);
    public static ConnectOutcome Unreachable(string error) => new(false, false, error, null);
    public static ConnectOutcome Rejected(string error) => new(false, true, error, null);
}
