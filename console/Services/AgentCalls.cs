using Monitor.Control.Agents;

namespace Monitor.Control.Services;

/// <summary>Turns an agent's structured error into an operator-grade <see cref="OperationFailedException"/>.</summary>
internal static class AgentCalls
{
    public static async Task<T> GuardAsync<T>(Func<Task<T>> call)
    {
        try { return await call().ConfigureAwait(false); }
        catch (AgentException e) { throw new OperationFailedException(e.Message, e.Code, e); }
    }
}
