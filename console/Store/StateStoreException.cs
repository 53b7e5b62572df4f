namespace Monitor.Control.Store;

/// <summary>
/// The state store could not do what was asked (unreachable database, schema newer than this console,
/// unknown record...). The message is written for an operator: what failed, why, and what to do.
/// </summary>
public sealed class StateStoreException : Exception
{
    public StateStoreException(string message) : base(message) { }
    public StateStoreException(string message, Exception inner) : base(message, inner) { }
}
