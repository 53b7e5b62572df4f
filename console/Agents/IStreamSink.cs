namespace Monitor.Control.Agents;

/// <summary>The client's side of an open stream: frames routed in, or a failure when the connection drops.</summary>
internal interface IStreamSink
{
    void Deliver(Monitor.Shared.Protocol.Envelope frame);
    void Fail(AgentException error);
}
