namespace Monitor.Shared.Protocol;

public static class ProtocolVersion
{
    /// <summary>The protocol version both sides speak; agreed in the hello/auth exchange.</summary>
    public const int Current = 1;

    /// <summary>Largest frame either side accepts, in bytes (agent closes with 1009 past it).</summary>
    public const int MaxFrameBytes = 4 * 1024 * 1024;
}
