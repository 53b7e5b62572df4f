namespace Monitor.Control.Webhooks;

/// <summary>What <see cref="StackDeployQueue.Enqueue"/> did with a request.</summary>
public enum QueuePosition
{
    /// <summary>No deploy of the stack was running: this one started.</summary>
    Started,
    /// <summary>A deploy of the stack is running: this one waits and runs next (replacing any request already waiting).</summary>
    Queued,
    /// <summary>The server is stopping; nothing was queued.</summary>
    Refused,
}
